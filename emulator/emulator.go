// Package emulator is an IMM-compatible HTTP server over an in-memory
// dataset: it verifies V1 and V3 request signatures, answers the read actions
// immtui uses with IMM's JSON shapes and error codes, and injects faults
// (latency, 5xx, throttling, truncated bodies) on request. `immtui --demo`,
// `immtui serve` and the tests all run the real client against it.
package emulator

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/immtui/immtui/dataset"
)

// The demo credentials: public on purpose, they open only the emulator.
const (
	DemoAccessKeyID     = "LTAI-immtui-demo"
	DemoAccessKeySecret = "immtui-demo-secret"
)

// apiVersion is the only x-acs-version the emulator speaks.
const apiVersion = "2020-09-30"

const (
	defaultHostID = "imm.emulator.local"
	maxBodyBytes  = 1 << 20
	// maxQueryBytes bounds the query string (RPC parameters travel there):
	// 100 long URIs fit many times over. Beyond it, IMM's error JSON; the
	// HTTP server lets headers up to maxHeaderBytes through so that the
	// action, not net/http's bare 431, answers oversized queries.
	maxQueryBytes = 1 << 20
	// maxHeaderBytes is net/http's bound on the request line and headers,
	// what a request costs before any check: room for a maxQueryBytes
	// query and the signing headers. Past it, an IMM error JSON with 431
	// (running.go rewrites net/http's plain-text reply).
	maxHeaderBytes = maxQueryBytes + 64<<10
)

// Config describes one emulator.
type Config struct {
	AccessKeyID, AccessKeySecret string           // one account with every project; default the demo pair
	Accounts                     []Account        // several accounts instead (accounts.go); then leave AccessKeyID empty
	Data                         *dataset.Dataset // required; shared, not copied: do not change it while serving
	Faults                       Faults
	Now                          func() time.Time // clock for the signature date check (default time.Now)
	HostID                       string           // for error bodies, default "imm.emulator.local"
	Limits                       Limits           // connection, time and log bounds; zero fields take DefaultLimits
}

// Call is one request as the emulator saw it, for tests and for `serve`
// logs. Action is cut to 128 bytes; Params is nil for a request refused
// before its action ran its checks (bad signature, version or action), so
// a stranger's megabytes are not kept. Code is the IMM error code answered, "" on success; two codes are
// the emulator's own: "TruncatedBody" (a truncate fault cut the answer)
// and "RequestCanceled" (the client left before the answer).
type Call struct {
	Action    string
	Params    url.Values
	Status    int
	Code      string
	RequestId string
}

// Server is the emulator's http.Handler.
type Server struct {
	hostID  string
	data    *store
	verify  *verifier
	now     func() time.Time
	accts   accountSet
	faults  *injector
	actions map[string]action

	limits Limits

	inFlight atomic.Int64

	log callLog
}

// action answers one IMM action: the success body, or an error.
type action func(s *Server, p *params, requestID string) (any, *apiError)

// New checks cfg and indexes its data.
func New(cfg Config) (*Server, error) {
	if cfg.Data == nil {
		return nil, errors.New("emulator: Config.Data is required (use dataset.Generate or dataset.LoadFile)")
	}
	if (cfg.AccessKeyID == "") != (cfg.AccessKeySecret == "") {
		return nil, errors.New("emulator: set both AccessKeyID and AccessKeySecret, or neither for the demo pair")
	}
	accts, err := newAccountSet(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HostID == "" {
		cfg.HostID = defaultHostID
	}
	if err := cfg.Faults.validate(); err != nil {
		return nil, err
	}
	limits, err := cfg.Limits.withDefaults()
	if err != nil {
		return nil, err
	}
	st, err := newStore(sourceOf(cfg.Data))
	if err != nil {
		return nil, err
	}
	return &Server{
		hostID:  cfg.HostID,
		data:    st,
		verify:  newVerifier(accts.secrets(), cfg.Now),
		now:     cfg.Now,
		accts:   accts,
		faults:  newInjector(cfg.Faults),
		actions: actionTable(),
		limits:  limits,
		log:     callLog{maxEntries: limits.MaxLogEntries, maxBytes: limits.MaxLogBytes},
	}, nil
}

func actionTable() map[string]action {
	return map[string]action{
		"QueryFigureClusters":   (*Server).queryFigureClusters,
		"BatchGetFigureCluster": (*Server).batchGetFigureCluster,
		"GetFigureCluster":      (*Server).getFigureCluster,
		"GetFileMeta":           (*Server).getFileMeta,
		"BatchGetFileMeta":      (*Server).batchGetFileMeta,
		"SimpleQuery":           (*Server).simpleQuery,
		"ListProjects":          (*Server).listProjects,
		"ListDatasets":          (*Server).listDatasets,
		"GetProject":            (*Server).getProject,
		"GetDataset":            (*Server).getDataset,
	}
}

// SetFaults replaces the faults and restarts their seeded sequence. It is
// safe while serving.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

// Faults returns the faults in force.
func (s *Server) Faults() Faults { return s.faults.get() }

// Calls returns the request log, in the order answers were completed:
// the latest Limits.MaxLogEntries calls, fewer when they pass
// Limits.MaxLogBytes.
func (s *Server) Calls() []Call { return s.log.snapshot() }

// InFlight is the number of requests being answered now.
func (s *Server) InFlight() int { return int(s.inFlight.Load()) }

// ResetCalls empties the request log.
func (s *Server) ResetCalls() { s.log.reset() }

func (s *Server) record(c Call) { s.log.add(c) }

// ServeHTTP answers one IMM request. It never panics (a panic becomes a
// 500 InternalError JSON body) and never waits longer than the client.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	rid := newRequestID()
	// Params are logged once the checks pass (answer), not here.
	call := Call{Action: claimedAction(r), RequestId: rid}
	wrote, recorded := false, false
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			if !wrote {
				e := errInternal(fmt.Sprint(v))
				s.writeError(w, rid, e)
				call.Status, call.Code = e.Status, e.Code
			}
		}
		if !recorded {
			s.record(call)
		}
	}()

	plan := s.faults.draw()
	if err := sleep(r.Context(), plan.delay); err != nil {
		call.Status, call.Code = 499, "RequestCanceled"
		return
	}
	// The write deadline starts after the injected delay, so latency
	// faults longer than WriteTimeout still answer (not supported by
	// recorders; then there is none).
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.limits.WriteTimeout))
	body, status, code := s.answer(r, &call, plan)
	wrote = true
	call.Status, call.Code = status, code
	if plan.kind == faultTruncate && status == http.StatusOK {
		call.Code = "TruncatedBody"
		// Logged before the cut: the client sees the connection close and
		// may look at Calls() at once.
		s.record(call)
		recorded = true
		s.writeTruncated(w, rid, body)
		return
	}
	// Logged before the answer, so a client that has its reply always
	// finds the call in Calls() (tests count calls right after a reply).
	s.record(call)
	recorded = true
	s.writeJSON(w, rid, status, body)
}

// claimedAction is the action a request names before it is verified, for
// the request log of a refused request: the Action parameter of a V1
// request, else the x-acs-action header of V3. A verified request's log
// entry takes the action from the verifier instead.
func claimedAction(r *http.Request) string {
	if q := r.URL.Query(); q.Has("Signature") {
		return q.Get("Action")
	}
	return r.Header.Get("x-acs-action")
}

// loggedParams is params without the V1 signature's own parameters.
func loggedParams(params url.Values) url.Values {
	out := make(url.Values, len(params))
	for k, v := range params {
		switch k {
		case "Signature", "SecurityToken", "SignatureNonce", "SignatureMethod", "SignatureVersion", "SignatureType", "Timestamp", "AccessKeyId":
			continue
		}
		out[k] = v
	}
	return out
}

// answer runs the checks and the action and returns the encoded body.
func (s *Server) answer(r *http.Request, call *Call, plan faultPlan) ([]byte, int, string) {
	fail := func(e *apiError) ([]byte, int, string) {
		return s.encodeError(call.RequestId, e), e.Status, e.Code
	}
	// GET is for V1 signatures only; verify refuses it for V3.
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return fail(&apiError{http.StatusMethodNotAllowed, "UnsupportedHTTPMethod",
			"IMM actions are sent as POST / (or GET / with a V1 signature), not " + r.Method + "."})
	}
	if r.URL.Path != "/" && r.URL.Path != "" {
		return fail(&apiError{http.StatusNotFound, "InvalidApi.NotFound",
			"IMM actions are sent to the path /, not " + r.URL.Path + "."})
	}
	if len(r.URL.RawQuery) > maxQueryBytes {
		return fail(&apiError{http.StatusRequestURITooLong, "InvalidArgument",
			"The query string is larger than 1 MiB: send fewer or shorter parameters (at most 100 URIs per call)."})
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return fail(&apiError{http.StatusBadRequest, "InvalidArgument", "The request body could not be read: " + err.Error()})
	}
	if len(body) > maxBodyBytes {
		return fail(&apiError{http.StatusRequestEntityTooLarge, "InvalidArgument", "The request body is larger than 1 MiB."})
	}
	req, e := s.verify.verify(r, body)
	if e != nil {
		return fail(e)
	}
	call.Action = req.action
	if req.version != apiVersion {
		return fail(&apiError{http.StatusBadRequest, "InvalidVersion",
			"Specified parameter Version is not valid: " + req.versionFrom + " must be " + apiVersion + ", not " + quote(req.version) + "."})
	}
	if call.Action == "" {
		return fail(&apiError{http.StatusBadRequest, "MissingAction", "The action is required: set " + req.actionFrom + "."})
	}
	act, ok := s.actions[call.Action]
	if !ok {
		return fail(errUnknownAction(call.Action))
	}
	// Signed, current version, known action: worth logging, without the
	// V1 signature parameters (a SecurityToken is a credential).
	call.Params = loggedParams(req.params)
	if d := s.accts[req.keyID].authorize(call.Action, req.params.Get("ProjectName")); d != nil {
		return s.encodeDenied(call.RequestId, d), d.Status, d.Code
	}
	switch plan.kind {
	case faultServerError:
		return fail(errFaultInternal)
	case faultUnavailable:
		return fail(errFaultUnavailable)
	case faultThrottle:
		return fail(errThrottled)
	}
	// The verifier hands over only parameters the signature covers: the
	// query, and a form body when it is signed as one.
	ctx, cancel := context.WithTimeout(r.Context(), s.limits.RequestTimeout)
	defer cancel()
	p := &params{v: req.params, ctx: ctx}
	resp, e := act(s, p, call.RequestId)
	if e != nil {
		return fail(e)
	}
	b, merr := encode(resp)
	if merr != nil {
		return fail(errInternal("encoding the answer: " + merr.Error()))
	}
	return b, http.StatusOK, ""
}

// encode is JSON without HTML escaping, as IMM and the SDK write it.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

func (s *Server) encodeError(rid string, e *apiError) []byte {
	b, err := encode(errorBody{RequestId: rid, HostId: s.hostID, Code: e.Code, Message: e.Message, Recommend: recommendURL(e.Code)})
	if err != nil { // cannot happen with string fields; keep the body JSON anyway
		return []byte(`{"Code":"InternalError"}`)
	}
	return b
}

// encodeDenied is a RAM refusal's body: an error body with the
// AccessDeniedDetail the gateway adds.
func (s *Server) encodeDenied(rid string, d *deniedError) []byte {
	b, err := encode(struct {
		errorBody
		AccessDeniedDetail accessDeniedDetail
	}{errorBody{RequestId: rid, HostId: s.hostID, Code: d.Code, Message: d.Message, Recommend: recommendURL(d.Code)}, d.detail})
	if err != nil {
		return []byte(`{"Code":"InternalError"}`)
	}
	return b
}

func (s *Server) writeError(w http.ResponseWriter, rid string, e *apiError) {
	s.writeJSON(w, rid, e.Status, s.encodeError(rid, e))
}

const contentType = "application/json;charset=utf-8"

// writeJSON sends one answer. Its Date is the emulator's clock (Config.Now),
// not net/http's: a client measures clock skew from it, and a test that
// shifts the clock must see the shift there too.
func (s *Server) writeJSON(w http.ResponseWriter, rid string, status int, body []byte) {
	h := w.Header()
	h.Set("Date", s.httpDate())
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("x-acs-request-id", rid)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeTruncated sends the headers with the full Content-Length, half the
// body, and closes the connection: what a client sees when a proxy or the
// network drops a response midway.
func (s *Server) writeTruncated(w http.ResponseWriter, rid string, body []byte) {
	part := body[:len(body)/2]
	hj, ok := w.(http.Hijacker)
	if !ok {
		// Without hijacking (HTTP/2, recorders) net/http closes the
		// stream itself when fewer bytes than Content-Length are written.
		h := w.Header()
		h.Set("Date", s.httpDate())
		h.Set("Content-Type", contentType)
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(part)
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nDate: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nx-acs-request-id: %s\r\nConnection: close\r\n\r\n",
		s.httpDate(), contentType, len(body), rid)
	_, _ = buf.Write(part)
	_ = buf.Flush()
}

// httpDate is the emulator clock's time as an HTTP Date header.
func (s *Server) httpDate() string { return s.now().UTC().Format(http.TimeFormat) }

// newRequestID makes an IMM-looking request id (8-4-4-4-12 upper hex).
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
