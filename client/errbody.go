package client

import (
	"bytes"
	"encoding/json"
)

// payloadKeys are the top-level keys a successful reply of each action
// carries (docs/api.md §1.1). A 200 reply with a Code and none of them
// is an IMM error that came with the wrong status (seen from gateways and
// proxies); decoding it as a success would show an empty page.
var payloadKeys = map[string][]string{
	"QueryFigureClusters":   {"FigureClusters"},
	"BatchGetFigureCluster": {"FigureClusters"},
	"BatchGetFileMeta":      {"Files"},
	"GetFileMeta":           {"Files"},
	"SimpleQuery":           {"Files", "Aggregations"},
	"ListProjects":          {"Projects"},
	"ListDatasets":          {"Datasets"},
	"GetProject":            {"Project"},
	"GetDataset":            {"Dataset"},
}

// errorKeys are what an IMM error body holds besides its Code.
var errorKeys = map[string]bool{
	"Code": true, "code": true, "Message": true, "message": true, "RequestId": true, "requestId": true,
	"HostId": true, "Recommend": true, "Detail": true, "Description": true, "AccessDeniedDetail": true,
}

// errorIn200 is an IMM error body that came with HTTP 200.
type errorIn200 struct {
	code, message, requestID string
}

func (e *errorIn200) Error() string { return "IMM error in a 200 reply: " + e.code }

// errorInBody returns the IMM error a 200 body holds instead of action's
// payload, or nil. It costs one substring search on an ordinary reply: only
// a body that mentions a "Code" key anywhere is parsed to its top level.
func errorInBody(action string, body []byte) *errorIn200 {
	if !bytes.Contains(body, []byte(`"Code"`)) && !bytes.Contains(body, []byte(`"code"`)) {
		return nil
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return nil // not an object: decoding reports it
	}
	str := func(keys ...string) string {
		for _, k := range keys {
			var s string
			if json.Unmarshal(top[k], &s) == nil && s != "" {
				return s
			}
		}
		return ""
	}
	code := str("Code", "code")
	if code == "" {
		return nil
	}
	if want, known := payloadKeys[action]; known {
		for _, k := range want {
			if _, ok := top[k]; ok {
				return nil
			}
		}
	} else {
		for k := range top { // an action not listed: anything beyond an error's keys is a payload
			if !errorKeys[k] {
				return nil
			}
		}
	}
	return &errorIn200{code: code, message: str("Message", "message"), requestID: str("RequestId", "requestId")}
}
