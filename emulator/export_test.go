package emulator

// Test hooks for the external (emulator_test) tests.
var (
	SignRequest = signRequest
	Resign      = resign
)
