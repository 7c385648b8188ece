// Package state is what the UI knows: bounded caches of clusters (by ID) and
// files (by URI, merged per field), a loader that coalesces requests made
// within a short window into batch calls, the cluster-list pager, and the
// cancellation of work nobody waits for any more.
//
// It has no Bubble Tea import. The UI calls the blocking methods (File,
// Cluster, ClusterPage, ...) from tea.Cmd goroutines and the Cached* methods
// from Update/View: those never do I/O and hold one mutex briefly.
//
// Typical use from the UI: a view keeps a context it cancels when it is left,
// and passes it to every request it makes, so leaving the view cancels the
// calls only it was waiting for:
//
//	rows:   page, err := st.ClusterPage(viewCtx, q, token)   // in a tea.Cmd
//	pane:   f, ok := st.CachedFile(uri, pane.Fields)          // in View
//	        f, err := st.File(viewCtx, uri, pane.Fields)      // in a tea.Cmd when !ok
//
// Files and clusters handed out are shared with the cache and must not be
// modified; the cache never modifies them either (a merge makes a new File).
package state

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"github.com/immtui/immtui/imm"
)

// API is the part of the IMM client the store uses; tests pass a fake.
type API interface {
	QueryFigureClusters(ctx context.Context, r imm.QueryFigureClustersRequest) (*imm.QueryFigureClustersResponse, error)
	BatchGetFigureCluster(ctx context.Context, r imm.BatchGetFigureClusterRequest) (*imm.BatchGetFigureClusterResponse, error)
	BatchGetFileMeta(ctx context.Context, r imm.BatchGetFileMetaRequest) (*imm.BatchGetFileMetaResponse, error)
	SimpleQuery(ctx context.Context, r imm.SimpleQueryRequest) (*imm.SimpleQueryResponse, error)
	GetDataset(ctx context.Context, r imm.GetDatasetRequest) (*imm.GetDatasetResponse, error)
}

// Options tune the store; zero values take the defaults.
type Options struct {
	Window       time.Duration // coalescing window, default 8ms (about half a frame)
	FileCache    int           // LRU entries (URIs), default 2048
	ClusterCache int           // LRU entries, default 4096
	PageSize     int64         // QueryFigureClusters MaxResults, default 100

	// manualFlush turns the window timers off: pending batches go out only
	// when full or on Flush. Tests use it to decide when a window closes
	// without sleeping.
	manualFlush bool
}

const (
	defaultWindow       = 8 * time.Millisecond
	defaultFileCache    = 2048
	defaultClusterCache = 4096
	maxPageSize         = 100
	// maxBatch is the most keys one batch call carries. The client splits
	// bigger requests itself, but one call per batch keeps a window's cost
	// predictable (docs/api.md: BatchGetFileMeta takes at most 100 URIs).
	maxBatch = imm.MaxURIsPerCall
	// namesPerCluster: the names index remembers more clusters than the
	// cluster cache, because list rows are much smaller than clusters.
	namesPerCluster = 4
)

// ErrClosed is returned by every blocking method once Close has been called.
var ErrClosed = errors.New("state: the data store is closed; restart immtui")

// Stats are counters for the status line.
type Stats struct {
	InFlight  int   // API calls running now
	Calls     int64 // API calls started
	CacheHits int64 // File/Cluster requests answered from the cache, Cached* included
	Coalesced int64 // requests that shared a call with another request
}

// Store is the data layer of one dataset. All methods are safe for
// concurrent use.
type Store struct {
	api              API
	project, dataset string
	opt              Options

	root   context.Context // parent of every call; cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup // running calls and armed window timers

	mu       sync.Mutex // guards everything below; held briefly, never over I/O
	closed   bool
	stats    Stats
	files    *simplelru.LRU[string, *fileEntry]
	clusters *simplelru.LRU[string, *imm.FigureCluster]
	names    *simplelru.LRU[string, string]
	fileLd   *loader[*imm.File]
	clustLd  *loader[*imm.FigureCluster]
	pages    map[pageKey]*pageCall
}

// New returns a store for one dataset of one project.
func New(api API, project, dataset string, o Options) *Store {
	if o.Window <= 0 {
		o.Window = defaultWindow
	}
	if o.FileCache <= 0 {
		o.FileCache = defaultFileCache
	}
	if o.ClusterCache <= 0 {
		o.ClusterCache = defaultClusterCache
	}
	if o.PageSize <= 0 || o.PageSize > maxPageSize {
		o.PageSize = maxPageSize
	}
	s := &Store{api: api, project: project, dataset: dataset, opt: o, pages: map[pageKey]*pageCall{}}
	s.root, s.cancel = context.WithCancel(context.Background())
	// NewLRU fails only for a size <= 0, which the defaults rule out.
	s.files, _ = simplelru.NewLRU[string, *fileEntry](o.FileCache, nil)
	s.clusters, _ = simplelru.NewLRU[string, *imm.FigureCluster](o.ClusterCache, nil)
	s.names, _ = simplelru.NewLRU[string, string](o.ClusterCache*namesPerCluster, nil)
	s.fileLd = newLoader(s, s.fetchFiles, s.fileNotFound)
	s.clustLd = newLoader(s, s.fetchClusters, s.clusterNotFound)
	return s
}

// lockOpen takes the store's lock for a request, or fails without it: with
// ctx's error when the caller has given up, ErrClosed once Close ran.
func (s *Store) lockOpen(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	return nil
}

// Project is the IMM project the store reads.
func (s *Store) Project() string { return s.project }

// Dataset is the IMM dataset the store reads.
func (s *Store) Dataset() string { return s.dataset }

// Close cancels every call in flight, drops pending batches (their waiters
// get ErrClosed) and waits until no goroutine of the store is left.
func (s *Store) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.cancel()
	s.fileLd.closeLocked()
	s.clustLd.closeLocked()
	s.mu.Unlock()
	s.wg.Wait()
}

// Flush sends every pending batch now instead of at the end of its window.
func (s *Store) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fileLd.flushLocked()
	s.clustLd.flushLocked()
}

// Stats returns the counters for the status line.
func (s *Store) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// callStartedLocked and callDoneLocked keep Stats.InFlight and Calls.
func (s *Store) callStartedLocked() {
	s.stats.InFlight++
	s.stats.Calls++
}

func (s *Store) callDoneLocked() { s.stats.InFlight-- }

// closedErr turns a cancellation caused by Close into ErrClosed, so the UI
// shows why rather than "context canceled".
func (s *Store) closedErr(err error) error {
	if err != nil && s.root.Err() != nil && errors.Is(err, context.Canceled) {
		return ErrClosed
	}
	return err
}
