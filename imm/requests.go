package imm

// Request and response shapes of the actions immtui uses (docs/api.md §1.1).
// Responses hold decoded, sanitised models; RequestId is IMM's (the last
// call's, when a request was split into several calls).

// QueryFigureClustersRequest lists a dataset's clusters, one page at a time.
type QueryFigureClustersRequest struct {
	ProjectName     string
	DatasetName     string
	MaxResults      int64  // 0..100; 0 means the server default (100)
	NextToken       string // "" for the first page
	Sort            string // one of SortKeys, or "" for group ID order
	Order           string // "asc" or "desc"
	WithTotalCount  bool
	CreateTimeRange *TimeRange
	UpdateTimeRange *TimeRange
	CustomLabels    string // "key=value"
	// CoverURIOnly decodes each cluster's Cover as its URI alone: the
	// wire is the same, but a page decodes several times faster.
	CoverURIOnly bool
}

// SortKeys are the Sort values QueryFigureClusters accepts.
var SortKeys = []string{"ImageCount", "VideoCount", "ProjectName", "DatasetName", "CreateTime", "UpdateTime", "Gender", "FaceCount", "GroupName"}

// QueryFigureClustersResponse is one page of clusters.
type QueryFigureClustersResponse struct {
	FigureClusters []FigureCluster
	NextToken      string
	TotalCount     int64 // only when WithTotalCount was set
	RequestId      string
}

// BatchGetFigureClusterRequest fetches clusters by ID. Any number of IDs may
// be given; the client splits them into calls of MaxClusterIDsPerCall.
type BatchGetFigureClusterRequest struct {
	ProjectName string
	DatasetName string
	ObjectIds   []string
}

// BatchGetFigureClusterResponse holds the clusters found, in request order.
type BatchGetFigureClusterResponse struct {
	FigureClusters []FigureCluster
	RequestId      string
}

// BatchGetFileMetaRequest fetches files by URI. Any number of URIs may be
// given; the client splits them into calls of MaxURIsPerCall.
type BatchGetFileMetaRequest struct {
	ProjectName string
	DatasetName string
	URIs        []string
	WithFields  []string // nil or empty means every field
}

// BatchGetFileMetaResponse holds the files found, in request order.
type BatchGetFileMetaResponse struct {
	Files     []File
	RequestId string
}

// GetFileMetaRequest fetches one file.
type GetFileMetaRequest struct {
	ProjectName string
	DatasetName string
	URI         string
	WithFields  []string
}

// GetFileMetaResponse wraps the file in an array, as the API does.
type GetFileMetaResponse struct {
	Files     []File
	RequestId string
}

// SimpleQueryRequest searches files in a dataset.
type SimpleQueryRequest struct {
	ProjectName      string
	DatasetName      string
	Query            *SimpleQuery
	Sort             string // comma-separated, up to 5 fields
	Order            string // comma-separated asc/desc
	MaxResults       int64
	NextToken        string
	WithFields       []string
	WithoutTotalHits bool
	Aggregations     []Aggregation
}

// SimpleQueryResponse is one page of matching files (or aggregations).
type SimpleQueryResponse struct {
	Files        []File
	Aggregations []AggregationResult
	NextToken    string
	TotalHits    int64
	RequestId    string
}

// ListProjectsRequest pages through projects.
type ListProjectsRequest struct {
	MaxResults int64
	NextToken  string
	Prefix     string
}

// ListProjectsResponse is one page of projects.
type ListProjectsResponse struct {
	Projects  []Project
	NextToken string
	RequestId string
}

// ListDatasetsRequest pages through a project's datasets.
type ListDatasetsRequest struct {
	ProjectName string
	MaxResults  int64
	NextToken   string
	Prefix      string
}

// ListDatasetsResponse is one page of datasets.
type ListDatasetsResponse struct {
	Datasets  []Dataset
	NextToken string
	RequestId string
}

// GetProjectRequest fetches one project.
type GetProjectRequest struct {
	ProjectName    string
	WithStatistics bool
}

// GetProjectResponse holds the project.
type GetProjectResponse struct {
	Project   Project
	RequestId string
}

// GetDatasetRequest fetches one dataset.
type GetDatasetRequest struct {
	ProjectName    string
	DatasetName    string
	WithStatistics bool
}

// GetDatasetResponse holds the dataset.
type GetDatasetResponse struct {
	Dataset   Dataset
	RequestId string
}

const (
	// MaxURIsPerCall is BatchGetFileMeta's documented limit.
	MaxURIsPerCall = 100
	// MaxClusterIDsPerCall: BatchGetFigureCluster documents no limit; 100
	// matches the other batch APIs and is a guess (docs/api.md §1.1).
	MaxClusterIDsPerCall = 100
)
