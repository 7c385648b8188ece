package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
)

func TestPanicInAnActionBecomesInternalErrorJSON(t *testing.T) {
	s, err := New(Config{Data: &dataset.Dataset{Projects: []imm.Project{{ProjectName: "p"}}}})
	if err != nil {
		t.Fatal(err)
	}
	s.actions["Boom"] = func(*Server, *params, string) (any, *apiError) { panic("boom") }
	r := httptest.NewRequest(http.MethodPost, "/?A=1", nil)
	r.Host = "127.0.0.1:1"
	r.Header.Set("x-acs-action", "Boom")
	r.Header.Set("x-acs-version", apiVersion)
	signRequest(r, DemoAccessKeyID, DemoAccessKeySecret, nil, time.Now())
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	var body errorBody
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("not JSON: %q", w.Body.String())
	}
	if w.Code != 500 || body.Code != "InternalError" || body.RequestId == "" {
		t.Fatalf("got %d %+v", w.Code, body)
	}
	if calls := s.Calls(); len(calls) != 1 || calls[0].Code != "InternalError" {
		t.Errorf("calls %+v", calls)
	}
}
