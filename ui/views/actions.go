package views

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/widgets/table"
)

// The root's keys that work on whatever a view shows ask the top view
// through these optional interfaces; a view implements those that make
// sense for it, each in a few lines.

// Filterable is a view showing a list that `/` filters live. FilterTable
// is the list shown (nil when the view shows none right now).
type Filterable interface {
	FilterTable() *table.Model
}

// Selector is a view with a selected item `y` copies: its kind ("cluster
// ID", "file URI") and its text ("" when nothing is selected).
type Selector interface {
	Selection() (kind, text string)
}

// Shower is a view whose shown item `Y` copies as JSON, exactly as IMM
// sent it (the models' own JSON). what names it for the status line.
type Shower interface {
	ShownJSON() (what string, data []byte, err error)
}

// Exporter is a view `e` exports to a file: what IMM sent under "IMM" and
// what immtui computed under "immtui". name is the file's base name.
type Exporter interface {
	Export() (name string, data []byte, err error)
}

// ModelJSON writes IMM models as indented JSON; the models' MarshalJSON
// keeps what IMM sent, and nothing is HTML-escaped.
func ModelJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("writing JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// SafeName makes a file name of prefix and s: letters, digits, '-', '_'
// and '.' kept, anything else '_', at most 120 bytes of s.
func SafeName(prefix, s, ext string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; i < len(s) && i < 120; i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		default:
			b.WriteByte('_')
		}
	}
	return b.String() + ext
}

// listExport is a list as a file: IMM's models as sent, then immtui's.
type listExport struct {
	IMM    map[string]any `json:"IMM"`
	Immtui map[string]any `json:"immtui"`
}

// --- Clusters

func (v *Clusters) FilterTable() *table.Model { return v.table }

// FilterText: a cluster is found by its name, whole ID and gender.
func (r clusterRows) FilterText(i int) string {
	c := r.v.row(i)
	return c.Name + "\n" + c.ID + "\n" + c.Gender
}

func (v *Clusters) selected() (id string, ok bool) {
	if c := v.table.Cursor(); c < len(v.shown().rows) {
		return v.row(c).ID, true
	}
	return "", false
}

func (v *Clusters) Selection() (string, string) {
	id, _ := v.selected()
	return "cluster ID", id
}

func (v *Clusters) ShownJSON() (string, []byte, error) {
	id, ok := v.selected()
	if !ok {
		return "cluster", nil, nil
	}
	c, ok := v.env.Data.CachedCluster(id)
	if !ok {
		return "cluster", nil, fmt.Errorf("cluster %s is not loaded yet; open it and try again", id)
	}
	b, err := ModelJSON(c)
	return "JSON of the cluster", b, err
}

// Export writes the clusters loaded, in the list's order (the filter's
// rows when one is set).
func (v *Clusters) Export() (string, []byte, error) {
	var clusters []*imm.FigureCluster
	for p := 0; p < v.table.Len(); p++ {
		if c, ok := v.env.Data.CachedCluster(v.row(v.table.Row(p)).ID); ok {
			clusters = append(clusters, c)
		}
	}
	rows := v.shown().rows
	e := listExport{
		IMM: map[string]any{"FigureClusters": nonNil(clusters)},
		Immtui: map[string]any{"Project": v.env.Data.Project(), "Dataset": v.env.Data.Dataset(),
			"Sort": v.query.Sort, "Order": v.query.Order, "Filter": v.table.Filter(),
			"Loaded": len(rows), "Exported": len(clusters), "TotalCount": v.paging.total},
	}
	b, err := ModelJSON(e)
	return SafeName("clusters-", v.env.Data.Dataset(), ".json"), b, err
}

// nonNil keeps an empty list a list ([] rather than null) in the file.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// --- Members (inside a Cluster): / matches memberRow.FilterText
// (members_rows.go); Selection and ShownJSON are the fileList's.

// exportTally is the cluster's tally of the faces loaded so far.
func (m *Members) exportTally(c *imm.FigureCluster) *review.Tally {
	if m.tally == nil || (!m.cluster && c != nil) {
		m.newTally(c)
	}
	return m.tally
}

// --- Cluster

func (v *Cluster) FilterTable() *table.Model {
	if v.showMembers {
		return v.members.table
	}
	return nil
}

// Selection is the selected face's file on the Members, else the cluster.
func (v *Cluster) Selection() (string, string) {
	if v.showMembers {
		return v.members.Selection()
	}
	return "cluster ID", v.id
}

// ShownJSON is the selected face's file on the Members, the cover's shown
// pane on the tabs, else the cluster.
func (v *Cluster) ShownJSON() (string, []byte, error) {
	switch {
	case v.showMembers:
		return v.members.ShownJSON()
	case !v.showRaw:
		if f := v.files.Shown(); f != nil {
			b, err := ModelJSON(f)
			return "JSON of the cover file", b, err
		}
	}
	if v.cluster == nil {
		return "cluster", nil, fmt.Errorf("the cluster has not arrived yet; try again in a moment")
	}
	b, err := ModelJSON(v.cluster)
	return "JSON of the cluster", b, err
}

// Export is the cluster with its members loaded so far and their flags
// (review.Export).
func (v *Cluster) Export() (string, []byte, error) {
	e := v.members.exportTally(v.cluster).Export(v.cluster)
	b, err := e.Marshal()
	return review.FileName(v.id), b, err
}

// --- File

func (v *File) Selection() (string, string) { return "file URI", v.uri }

func (v *File) ShownJSON() (string, []byte, error) {
	f := v.files.Shown()
	if f == nil {
		return "file", nil, fmt.Errorf("the file has not arrived yet; try again in a moment")
	}
	b, err := ModelJSON(f)
	return "JSON of the file", b, err
}

// Export is the file with every field its panes have loaded.
func (v *File) Export() (string, []byte, error) {
	f := v.files.Loaded()
	if f == nil {
		return "", nil, fmt.Errorf("the file has not arrived yet; try again in a moment")
	}
	b, err := ModelJSON(listExport{IMM: map[string]any{"File": f},
		Immtui: map[string]any{"Project": v.env.Data.Project(), "Dataset": v.env.Data.Dataset(), "ClusterId": v.cluster}})
	return SafeName("file-", FileName(v.uri), ".json"), b, err
}

// --- Problems

// FilterTable, Selection and ShownJSON are the fileList's.

// Export is the files loaded not Indexed (the filter's when one is set)
// with their count by reason code.
func (v *Problems) Export() (string, []byte, error) {
	var files []*imm.File
	for p := 0; p < v.table.Len(); p++ {
		files = append(files, v.list.rows[v.table.Row(p)].file)
	}
	b, err := ModelJSON(listExport{IMM: map[string]any{"Files": nonNil(files)},
		Immtui: map[string]any{"Project": v.env.Data.Project(), "Dataset": v.env.Data.Dataset(), "Filter": v.table.Filter(),
			"Loaded": len(v.list.rows), "Exported": len(files), "ByCode": v.counts}})
	return SafeName("problems-", v.env.Data.Dataset(), ".json"), b, err
}
