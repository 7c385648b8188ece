package client

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// One method per action (docs/api.md §1.1). Each is one CallApiWithCtx per
// attempt; its reply is decoded into the typed response and returned exactly
// as the server sent it: identifiers are request keys, and text is escaped
// for the terminal where the ui draws it, not here.

// QueryFigureClusters returns one page of a dataset's face clusters.
func (c *Client) QueryFigureClusters(ctx context.Context, r imm.QueryFigureClustersRequest) (*imm.QueryFigureClustersResponse, error) {
	const action = "QueryFigureClusters"
	q := query{}
	q.always("ProjectName", r.ProjectName)
	q.always("DatasetName", r.DatasetName)
	q.int("MaxResults", r.MaxResults)
	q.str("NextToken", r.NextToken)
	q.str("Sort", r.Sort)
	q.str("Order", r.Order)
	q.flag("WithTotalCount", r.WithTotalCount)
	q.str("CustomLabels", r.CustomLabels)
	if r.CreateTimeRange != nil {
		if err := q.json("CreateTimeRange", r.CreateTimeRange); err != nil {
			return nil, c.requestError(action, err)
		}
	}
	if r.UpdateTimeRange != nil {
		if err := q.json("UpdateTimeRange", r.UpdateTimeRange); err != nil {
			return nil, c.requestError(action, err)
		}
	}
	out := &imm.QueryFigureClustersResponse{}
	decode := decodeTo(out)
	if r.CoverURIOnly {
		decode = decodeSlimPage(out)
	}
	if err := c.call(ctx, action, q, decode); err != nil {
		return nil, err
	}
	return out, nil
}

// GetFileMeta returns one file's metadata (the API wraps it in an array).
func (c *Client) GetFileMeta(ctx context.Context, r imm.GetFileMetaRequest) (*imm.GetFileMetaResponse, error) {
	q := query{}
	q.always("ProjectName", r.ProjectName)
	q.always("DatasetName", r.DatasetName)
	q.always("URI", r.URI)
	q.strings("WithFields", r.WithFields)
	out := &imm.GetFileMetaResponse{}
	if err := c.call(ctx, "GetFileMeta", q, decodeTo(out)); err != nil {
		return nil, err
	}
	return out, nil
}

// SimpleQuery returns one page of files matching r.Query (or the
// aggregations asked for).
func (c *Client) SimpleQuery(ctx context.Context, r imm.SimpleQueryRequest) (*imm.SimpleQueryResponse, error) {
	const action = "SimpleQuery"
	q := query{}
	q.always("ProjectName", r.ProjectName)
	q.always("DatasetName", r.DatasetName)
	if r.Query != nil {
		if err := q.json("Query", r.Query); err != nil {
			return nil, c.requestError(action, err)
		}
	}
	q.str("Sort", r.Sort)
	q.str("Order", r.Order)
	q.int("MaxResults", r.MaxResults)
	q.str("NextToken", r.NextToken)
	q.strings("WithFields", r.WithFields)
	q.flag("WithoutTotalHits", r.WithoutTotalHits)
	if len(r.Aggregations) > 0 {
		if err := q.json("Aggregations", r.Aggregations); err != nil {
			return nil, c.requestError(action, err)
		}
	}
	out := &imm.SimpleQueryResponse{}
	if err := c.call(ctx, action, q, decodeTo(out)); err != nil {
		return nil, err
	}
	return out, nil
}

// ListProjects returns one page of projects.
func (c *Client) ListProjects(ctx context.Context, r imm.ListProjectsRequest) (*imm.ListProjectsResponse, error) {
	q := query{}
	q.int("MaxResults", r.MaxResults)
	q.str("NextToken", r.NextToken)
	q.str("Prefix", r.Prefix)
	out := &imm.ListProjectsResponse{}
	if err := c.call(ctx, "ListProjects", q, decodeTo(out)); err != nil {
		return nil, err
	}
	return out, nil
}

// ListDatasets returns one page of a project's datasets.
func (c *Client) ListDatasets(ctx context.Context, r imm.ListDatasetsRequest) (*imm.ListDatasetsResponse, error) {
	q := query{}
	q.always("ProjectName", r.ProjectName)
	q.int("MaxResults", r.MaxResults)
	q.str("NextToken", r.NextToken)
	q.str("Prefix", r.Prefix)
	out := &imm.ListDatasetsResponse{}
	if err := c.call(ctx, "ListDatasets", q, decodeTo(out)); err != nil {
		return nil, err
	}
	return out, nil
}

// GetProject returns one project.
func (c *Client) GetProject(ctx context.Context, r imm.GetProjectRequest) (*imm.GetProjectResponse, error) {
	q := query{}
	q.always("ProjectName", r.ProjectName)
	q.flag("WithStatistics", r.WithStatistics)
	out := &imm.GetProjectResponse{}
	if err := c.call(ctx, "GetProject", q, decodeTo(out)); err != nil {
		return nil, err
	}
	return out, nil
}

// GetDataset returns one dataset.
func (c *Client) GetDataset(ctx context.Context, r imm.GetDatasetRequest) (*imm.GetDatasetResponse, error) {
	q := query{}
	q.always("ProjectName", r.ProjectName)
	q.always("DatasetName", r.DatasetName)
	q.flag("WithStatistics", r.WithStatistics)
	out := &imm.GetDatasetResponse{}
	if err := c.call(ctx, "GetDataset", q, decodeTo(out)); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeTo returns a decoder of a reply body into v. encoding/json reads
// integers straight into int64 fields, so values above 2^53 (such as
// DatasetMaxTotalFileSize) are exact; the models' own UnmarshalJSON keep
// unknown keys.
func decodeTo[T any](v *T) func([]byte) error {
	return func(body []byte) error {
		var zero T
		*v = zero // a retry starts from nothing
		if err := json.Unmarshal(body, v); err != nil {
			var syn *json.SyntaxError
			return &replyError{
				msg:       "IMM's reply is not the JSON expected: " + err.Error(),
				transient: errors.As(err, &syn), // garbled in transit, unlike a wrong shape
				err:       err,
			}
		}
		return nil
	}
}

// requestError reports a request the client could not even encode.
func (c *Client) requestError(action string, err error) error {
	c.errs.Add(1)
	return &imm.Error{Kind: imm.KindInvalidArgument, Action: action, Message: safetext.Line(err.Error()), Err: err}
}
