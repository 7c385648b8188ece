package panes

// For the external tests (panes_test), which may use ui/internal/uitest:
// it imports this package, so the package's own tests cannot.
var (
	CJKFileForTest     = cjkFile
	TestContextForTest = testContext
)
