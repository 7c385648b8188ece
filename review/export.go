package review

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/immtui/immtui/imm"
)

// Export is a reviewed cluster as a file: what IMM sent, exactly, under
// "IMM", and what immtui computed from it under "immtui", so nobody
// mistakes a computed figure for IMM's.
type Export struct {
	IMM    ExportIMM      `json:"IMM"`
	Immtui ExportComputed `json:"immtui"`
}

// ExportIMM is IMM's own models, as received.
type ExportIMM struct {
	FigureCluster *imm.FigureCluster `json:"FigureCluster,omitempty"` // nil for an unclustered pseudo-cluster
	Files         []*imm.File        `json:"Files"`                   // the files holding its faces (the fields fetched)
}

// ExportComputed is immtui's judgement of them.
type ExportComputed struct {
	ClusterID  string             `json:"ClusterId"`
	Thresholds map[string]float64 `json:"Thresholds"`
	Strip      Strip              `json:"Strip"`
	Gender     string             `json:"Gender"` // the gender the faces were judged against
	Faces      []ExportFace       `json:"Faces"`  // worst first, as Tally.Faces
}

// ExportFace names one face by its file and FigureId, with its flags.
type ExportFace struct {
	URI       string   `json:"URI"`
	FigureID  string   `json:"FigureId"`
	Flags     []string `json:"Flags"`
	AgeOffset *float64 `json:"AgeOffset,omitempty"` // years off the age curve; absent without one
}

// Export builds the export of a tally (c is the cluster as IMM sent it,
// nil for a pseudo-cluster).
func (t *Tally) Export(c *imm.FigureCluster) Export {
	e := Export{
		IMM: ExportIMM{FigureCluster: c, Files: append([]*imm.File{}, t.files...)},
		Immtui: ExportComputed{
			ClusterID: t.id, Thresholds: map[string]float64{},
			Strip: t.Strip(), Gender: t.Gender(), Faces: []ExportFace{},
		},
	}
	for _, n := range Names() {
		e.Immtui.Thresholds[n], _ = t.th.Get(n)
	}
	for _, fl := range t.Faces() {
		ef := ExportFace{URI: fl.File.URI, FigureID: fl.Figure.FigureId, Flags: fl.Flags.Words()}
		if ef.Flags == nil {
			ef.Flags = []string{}
		}
		if fl.HasOffset {
			off := fl.AgeOffset
			ef.AgeOffset = &off
		}
		e.Immtui.Faces = append(e.Immtui.Faces, ef)
	}
	return e
}

// Marshal writes the export as indented JSON: the same export gives the
// same bytes (struct fields in order, map keys sorted), and text is kept
// as sent (no \u003c for <).
func (e Export) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return buf.Bytes(), nil
}

// ReadExport reads an export back.
func ReadExport(b []byte) (Export, error) {
	var e Export
	if err := json.Unmarshal(b, &e); err != nil {
		return Export{}, fmt.Errorf("reading the export: %w", err)
	}
	return e, nil
}

// FileName is the export's file name: the cluster's ID, made safe for a
// file system ("cluster-<id>.json").
func FileName(clusterID string) string {
	b := []byte("cluster-")
	for _, r := range []byte(clusterID) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b = append(b, r)
		default:
			b = append(b, '_')
		}
	}
	return string(b) + ".json"
}
