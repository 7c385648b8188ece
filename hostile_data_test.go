package main

// testdata/hostile.json is a dataset file (the --data format) whose every
// text field carries what a stranger could put in a photo's metadata:
// terminal escapes (CSI, OSC 52 clipboard writes, OSC 8 links, DCS, APC),
// C0 and C1 controls, DEL, bidi overrides and isolates, invalid UTF-8,
// zero-width and right-to-left text. This file generates it; run
//
//	go test -run TestHostileDatasetFileIsCurrent -update-hostile .
//
// after changing the generator. The huge cases (1 MB strings, 10,000
// labels on one file) are not committed: the tests that need them add them
// at run time (ui/hostile_test.go).

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/immtui/immtui/dataset"
)

var updateHostile = flag.Bool("update-hostile", false, "rewrite testdata/hostile.json from the generator")

const hostileFile = "testdata/hostile.json"

// invalidUTF8 stands for bytes that are not UTF-8; encoding/json would
// replace them, so they are spliced into the encoded file afterwards.
const invalidUTF8 = "@INVALID-UTF8@"

// hostile names each attack and the text that carries it.
var hostile = []struct{ name, text string }{
	{"csi", "\x1b[2J\x1b[H\x1b[31mred\x1b[0m\x1b[?1049l"},
	{"osc52", "copy\x1b]52;c;ZWNobyBwd25lZA==\x07me"},
	{"osc8", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"},
	{"dcs", "\x1bP1$r0m\x1b\\dcs"},
	{"apc", "\x1b_Gi=1,a=T;AAAA\x1b\\apc"},
	{"c0", "bell\x07back\x08null\x00vt\x0bff\x0ccr\rso\x0e"},
	{"del", "del\x7fete"},
	{"c1", "c1\u009b31mcsi\u0090dcs\u009dosc\u0085nel"},
	{"bidi", "invoice\u202egpj.exe \u2066iso\u2069 \u202aemb\u202c \u200fmark"},
	{"invalid", "bad" + invalidUTF8 + "utf8"},
	{"zerowidth", "ad\u200bmin\u2060\ufeff\u00ad"},
	{"rtl", "مرحبا بالعالم שלום עולם"},
	{"wide", "张伟的照片📷👨‍👩‍👧 很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"},
	{"tabs", "col1\tcol2\ncol3\r\ncol4\u2028sep"},
}

func hostileText(i int) string { return hostile[i%len(hostile)].text }

// hostileDataset is the dataset as JSON-ready maps (maps, not the client
// models, so it can carry unknown keys with hostile names).
func hostileDataset() map[string]any {
	const project, dset = "hostile-project", "hostile-dataset"
	var clusters, files []any
	for i, h := range hostile {
		id := "Cluster-" + h.name
		uri := fmt.Sprintf("oss://hostile/%02d-%s.jpg", i, h.name)
		if h.name == "csi" || h.name == "osc52" {
			// Identifiers carrying escapes: the client shows them escaped,
			// so the browser must say clearly when it cannot fetch them.
			id = "Cluster-" + h.text
			uri = "oss://hostile/" + h.text + ".jpg"
		}
		t := h.text
		custom := map[string]any{"key " + t: "value " + t, "plain": t, "n": i}
		files = append(files, map[string]any{
			"URI": uri, "Filename": t + ".jpg", "MediaType": "image", "ContentType": "image/jpeg " + t,
			"ObjectStatus": "Indexed", "Size": 1000 + i, "ImageWidth": 4000, "ImageHeight": 3000,
			"Title": t, "Album": t, "Artist": t, "EXIF": `{"Make":"` + jsonInner(t) + `"}`,
			"OCRTexts":     t + "\n" + hostileText(i+1),
			"OCRContents":  []any{map[string]any{"Contents": t, "Language": t, "Confidence": 0.9}},
			"CustomLabels": custom, "OSSUserMeta": custom, "OSSTagging": custom,
			"Labels": []any{
				map[string]any{"LabelName": t, "LabelAlias": hostileText(i + 1), "ParentLabelName": hostileText(i + 2), "LabelLevel": 2, "LabelConfidence": 0.8},
				map[string]any{"LabelName": "plain label", "LabelLevel": 1, "LabelConfidence": 0.5},
			},
			"Addresses": []any{map[string]any{"AddressLine": t, "Country": t, "City": hostileText(i + 3), "Language": "zh-Hans"}},
			"Insights":  map[string]any{"Image": map[string]any{"Caption": t, "Description": hostileText(i + 4)}},
			"Figures": []any{map[string]any{
				"FigureId": "face-" + h.name, "FigureClusterId": id, "FigureType": "face", "Gender": t,
				"Emotion": hostileText(i + 1), "Glasses": hostileText(i + 2), "Age": 30, "FaceQuality": 0.9,
				"FigureClusterConfidence": 0.95, "Boundary": map[string]any{"Left": 1, "Top": 2, "Width": 30, "Height": 40,
					"Polygon": []any{map[string]any{"X": 1, "Y": 2}, map[string]any{"X": 3, "Y": 4}}},
			}},
			"VideoStreams": []any{map[string]any{"Index": 0, "CodecName": t, "CodecLongName": hostileText(i + 1), "Language": t,
				"CodecTag": t, "CodecTimeBase": hostileText(i + 2)}},
			"AudioStreams": []any{map[string]any{"Index": 1, "CodecName": t, "Lyric": hostileText(i + 2), "CodecTag": t,
				"CodecTimeBase": t}},
			"Subtitles": []any{map[string]any{"Index": 2, "CodecName": t, "Content": hostileText(i + 3), "CodecTag": t}},
			// The fields only Raw showed once: identity, OSS headers,
			// media tags, covers, document elements and scenes.
			"OwnerId": t, "ObjectType": t, "ObjectId": t, "CustomId": t, "FileAccessTime": t, "TravelClusterId": t,
			"OSSDeleteMarker": t, "OSSExpiration": `expiry-date="` + t + `", rule-id="` + hostileText(i+1) + `"`,
			"CacheControl": t, "ContentDisposition": t, "ContentEncoding": t, "ContentLanguage": t,
			"AccessControlAllowOrigin": t, "AccessControlRequestMethod": t, "ServerSideEncryption": t,
			"ServerSideDataEncryption": t, "ServerSideEncryptionKeyId": t, "ServerSideEncryptionCustomerAlgorithm": t,
			"Language": t, "AlbumArtist": t, "Composer": t, "Performer": t, "SemanticTypes": []any{t},
			"AudioCovers": []any{map[string]any{"ImageWidth": 1, "EXIF": t, "OCRContents": []any{map[string]any{"Contents": t}}}},
			"Elements": []any{map[string]any{"ObjectId": t, "ElementType": t, "ElementContents": []any{
				map[string]any{"Type": t, "Content": hostileText(i + 1), "URL": t}},
				"ElementRelations": []any{map[string]any{"Type": t, "ObjectId": t}}}},
			"SceneElements": []any{map[string]any{"TimeRange": []any{0, 100}, "Labels": []any{
				map[string]any{"LabelName": t, "ParentLabelName": hostileText(i + 1), "LabelLevel": 2}}}},
			// Keys this version does not know, named and valued with escapes:
			// kept in Extras and shown by the Raw pane.
			"X-Unknown " + t: t,
			"XUnknownNested": map[string]any{t: []any{t, i}},
		})
		clusters = append(clusters, map[string]any{
			"ObjectId": id, "Name": t, "Gender": hostileText(i + 1), "CustomId": t,
			"CustomLabels": custom, "Cover": map[string]any{"URI": uri},
			"OwnerId": t, "ObjectType": t, "CreateTime": t, "UpdateTime": hostileText(i + 1), "MetaLockVersion": i,
			"X-Unknown " + t: t,
		})
	}
	// A cluster with no name, no cover and one with an RTL-only name: the
	// list must still fit.
	clusters = append(clusters, map[string]any{"ObjectId": "Cluster-empty"})
	return map[string]any{
		"Projects":       []any{map[string]any{"ProjectName": project, "Description": hostileText(1)}},
		"Datasets":       []any{map[string]any{"ProjectName": project, "DatasetName": dset, "Description": hostileText(2)}},
		"FigureClusters": clusters,
		"Files":          files,
	}
}

// jsonInner is s encoded as the inside of a JSON string (EXIF holds JSON).
func jsonInner(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func encodeHostile(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(hostileDataset()); err != nil {
		t.Fatal(err)
	}
	// Raw 0xff 0xfe: not UTF-8, as a careless producer might send.
	return bytes.ReplaceAll(buf.Bytes(), []byte(invalidUTF8), []byte("\xff\xfe"))
}

func TestHostileDatasetFileIsCurrent(t *testing.T) {
	want := encodeHostile(t)
	if *updateHostile {
		if err := os.WriteFile(hostileFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(hostileFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what the generator makes: run go test -run %s -update-hostile .", hostileFile, t.Name())
	}
}

// TestHostileDatasetLoadsForTheDemo: `immtui --demo --data
// testdata/hostile.json` must start, so the file must pass Load's checks.
func TestHostileDatasetLoadsForTheDemo(t *testing.T) {
	d, warnings, err := dataset.LoadFile(hostileFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("the hostile dataset is consistent, yet loading it warns: %q", warnings)
	}
	if len(d.FigureClusters) != len(hostile)+1 || len(d.Files) != len(hostile) {
		t.Fatalf("%d clusters, %d files", len(d.FigureClusters), len(d.Files))
	}
	raw, _ := os.ReadFile(hostileFile)
	for _, seq := range []string{`\u001b]52;`, `\u001b]8;;`, `\u001bP`, `\u001b_`, "\u202e", "\u009b", "\xff\xfe", "\u200b"} {
		if !strings.Contains(string(raw), seq) {
			t.Errorf("hostile.json lacks %q", seq)
		}
	}
}
