// Package views holds the browser's screens (the clusters list, one
// cluster with its cover file's panes) and the contract the root model
// drives them through: a navigation stack of View values that any command
// can push to.
package views

import (
	"context"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// Data is what the views read. *state.Store satisfies it; tests use fakes.
// Every method may block on the network except the Cached*, ClusterName,
// Stats, Project and Dataset ones, so views call the others only inside a
// tea.Cmd.
type Data interface {
	ClusterPage(ctx context.Context, q state.ClusterQuery, token string) (state.ClusterPage, error)
	Cluster(ctx context.Context, id string) (*imm.FigureCluster, error)
	CachedCluster(id string) (*imm.FigureCluster, bool)
	RefreshCluster(ctx context.Context, id string) (*imm.FigureCluster, error)
	ClusterName(id string) (string, bool)
	File(ctx context.Context, uri string, fields []string) (*imm.File, error)
	CachedFile(uri string, fields []string) (*imm.File, bool)
	RefreshFile(ctx context.Context, uri string, fields []string) (*imm.File, error)
	// ClusterFiles pages the files holding a face of the cluster (100 per
	// call) and caches their fields.
	ClusterFiles(ctx context.Context, clusterID, token string, fields []string) (state.FilePage, error)
	// ProblemFiles pages the files not Indexed (100 per call) and caches
	// their fields.
	ProblemFiles(ctx context.Context, token string, fields []string) (state.FilePage, error)
	// Overview is the dataset's statistics and aggregations (one round
	// trip: GetDataset, QueryFigureClusters and one SimpleQuery in
	// parallel).
	Overview(ctx context.Context) (state.Overview, error)
	// Files pages the files a query matches (100 per call), TotalHits on
	// the first page, and caches their fields.
	Files(ctx context.Context, q state.FilesQuery, token string, fields []string) (state.FilePage, error)
	// Years counts the files of each year of ProduceTime (2 + years calls).
	Years(ctx context.Context, loc *time.Location) ([]state.YearCount, error)
	// Labels is the label tree with counts, langs' labels first.
	Labels(ctx context.Context, langs []string) ([]*state.LabelNode, error)
	// Places is countries, provinces and cities with counts.
	Places(ctx context.Context, langs []string) ([]*state.PlaceNode, error)
	Stats() state.Stats
	Project() string
	Dataset() string
}

var _ Data = (*state.Store)(nil)

// Catalog is what the project and dataset pickers read; *state.Catalog
// satisfies it. The Cached* methods never block; the others only inside a
// tea.Cmd.
type Catalog interface {
	Projects(ctx context.Context, prefix, token string) (state.ProjectPage, error)
	Datasets(ctx context.Context, project, prefix, token string) (state.DatasetPage, error)
	ProjectStats(ctx context.Context, project string) (state.ProjectStats, error)
	CachedProjectStats(project string) (state.ProjectStats, bool)
	ClusterCount(ctx context.Context, project, dataset string) (int64, error)
	CachedClusterCount(project, dataset string) (int64, bool)
	Forget(project string)
}

var _ Catalog = (*state.Catalog)(nil)

// Env is what every view shares: the data, the styles and the pane
// registry. It is built once by the root model.
type Env struct {
	Data   Data
	Styles *theme.Styles
	// NewPanes builds the file panes in the order of panes.Names.
	NewPanes func(panes.Context) []panes.Pane
	// MemberLimit bounds the files a Members list pages in (0:
	// DefaultMemberLimit).
	MemberLimit int
	// ProblemLimit bounds the files a Problems list pages in (0:
	// DefaultProblemLimit).
	ProblemLimit int
	// Languages are the user's languages, preferred first ("zh-CN", "zh",
	// "en"): labels and places in them come first, and the panes show
	// labels, addresses and OCR in the first (Language). Nil: English
	// first in the lists, every language in the panes.
	Languages []string
	// Location is the zone of dates typed in queries and of the years
	// (nil: time.Local).
	Location *time.Location
	// Catalog lists projects and datasets for the pickers (nil: the
	// session has one dataset and no picker).
	Catalog Catalog
	// Review is the config file's review thresholds (nil: review.Default).
	Review *review.Thresholds
	// Images loads and draws face crops (nil: placeholders only).
	Images *faceimg.Images
	// Quality computes the clusters' quality strips (the list's figure
	// columns, compare); nil turns those off (a Data that is no store).
	Quality *state.Quality

	ids atomic.Int64 // see NextID
}

// Thresholds are the review thresholds in force.
func (e *Env) Thresholds() review.Thresholds {
	if e.Review == nil {
		return review.Default()
	}
	return *e.Review
}

// SetThresholds changes the thresholds for every screen and the strip
// cache (no I/O); the caller broadcasts ThresholdsMsg so each screen
// judges its faces again.
func (e *Env) SetThresholds(th review.Thresholds) {
	e.Review = &th
	if e.Quality != nil {
		e.Quality.SetThresholds(th)
	}
}

// ThresholdsMsg says the review thresholds changed: views judge again.
type ThresholdsMsg struct{}

// Noticer is a view with a passing note for the status line (which
// threshold + changed, what a key did).
type Noticer interface {
	Notice() string
}

// View is one screen on the navigation stack. Views are pointers and
// change in place; Update never blocks and does I/O only in the commands
// it returns.
//
// The root model sends key messages to the top view only, and every other
// message (replies, spinner ticks) to every view on the stack: a reply
// carries the id of the request that asked for it, so each view keeps what
// is its own and drops the rest.
type View interface {
	// component.Model: its own help, SetSize, View never larger, Update
	// to a command.
	component.Model
	Init() tea.Cmd
	// Crumb is the view's name in the breadcrumbs.
	Crumb() string
	// Err is the view's current error (nil when its last request worked);
	// the status line shows the top view's.
	Err() error
	// Close cancels the view's requests; the root calls it when the view
	// leaves the stack.
	Close()
}

// Resumer is a View that does background work only while on top (a
// Members list paging in); the root calls Resume when the view above it
// is popped.
type Resumer interface {
	Resume() tea.Cmd
}

// Pauser is a view whose background work (paging) stops while another
// view covers it; the root calls Pause before pushing on top of it, and
// Resume when it is on top again.
type Pauser interface {
	Pause()
}

// PushMsg asks the root to push a view.
type PushMsg struct{ View View }

// Push returns a command that pushes v.
func Push(v View) tea.Cmd { return func() tea.Msg { return PushMsg{View: v} } }

// KeyBinder is a view that binds a key the root would otherwise take (the
// Members' - lowers a threshold; elsewhere - is the previous place).
type KeyBinder interface {
	Binds(msg tea.KeyMsg) bool
}

// ReplaceMsg asks the root to replace the top view (closing it) with View:
// the next cluster of a :review walk.
type ReplaceMsg struct{ View View }

// Replace returns a command that replaces the top view with v.
func Replace(v View) tea.Cmd { return func() tea.Msg { return ReplaceMsg{View: v} } }

// NextID returns a request id unique among the requests of every view
// sharing this environment (one program), so a reply can be matched to
// the request that is still wanted. The counter lives here, not in a
// process global, so tests with their own environments run in parallel.
func (e *Env) NextID() int64 { return e.ids.Add(1) }

// Language is the language the panes show first: the first of Languages
// ("" for none).
func (e *Env) Language() string {
	if len(e.Languages) == 0 {
		return ""
	}
	return e.Languages[0]
}
