package imm

import (
	"bytes"
	"encoding/json"
)

// DecodeCoverURIOnly decodes a QueryFigureClusters reply body (valid JSON)
// keeping only each cover's URI. A page of 100 clusters carries 100 whole
// cover Files (~650 KB); decoding them costs most of a page's time, and a
// list needs the URI alone (the browser fetches the cover's fields per pane).
// It reports the first decode error, after decoding what it could.
func DecodeCoverURIOnly(body []byte, out *QueryFigureClustersResponse) error {
	*out = QueryFigureClustersResponse{}
	var err error
	bad := func(e error) {
		if err == nil && e != nil {
			err = e
		}
	}
	scanErr := scanObject(body, func(k string, v []byte) {
		switch k {
		case "NextToken":
			bad(json.Unmarshal(v, &out.NextToken))
		case "TotalCount":
			bad(json.Unmarshal(v, &out.TotalCount))
		case "RequestId":
			bad(json.Unmarshal(v, &out.RequestId))
		case "FigureClusters":
			eachElement(v, func(raw []byte) {
				var fc FigureCluster
				bad(decodeSlimCluster(raw, &fc))
				out.FigureClusters = append(out.FigureClusters, fc)
			})
		}
	})
	bad(scanErr)
	return err
}

// eachElement calls fn with the raw bytes of each element of the JSON
// array b (already validated); anything but an array has no elements.
func eachElement(b []byte, fn func([]byte)) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return
	}
	for i++; ; {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == ']' {
			return
		}
		if b[i] == ',' {
			i++
			continue
		}
		end := skipValue(b, i)
		fn(b[i:end])
		i = end
	}
}

// decodeSlimCluster decodes one cluster with its Cover cut down to its URI.
func decodeSlimCluster(raw []byte, fc *FigureCluster) error {
	var cover []byte
	start := -1
	if err := scanObject(raw, func(k string, v []byte) {
		if k == "Cover" {
			cover = v
			start = cap(raw) - cap(v) // v is a slice of raw
		}
	}); err != nil {
		return err
	}
	if start < 0 || bytes.Equal(cover, []byte("null")) {
		return json.Unmarshal(raw, fc)
	}
	var ref struct{ URI string }
	var uriErr error
	if err := scanObject(cover, func(k string, v []byte) {
		if k == "URI" {
			uriErr = json.Unmarshal(v, &ref.URI)
		}
	}); err != nil {
		return err
	}
	if uriErr != nil {
		return uriErr
	}
	rest := make([]byte, 0, len(raw)-len(cover)+4)
	rest = append(rest, raw[:start]...)
	rest = append(rest, "null"...)
	rest = append(rest, raw[start+len(cover):]...)
	if err := json.Unmarshal(rest, fc); err != nil {
		return err
	}
	delete(fc.raw, "Cover") // the kept null stood in for the cut cover
	fc.Cover = &File{URI: ref.URI}
	return nil
}
