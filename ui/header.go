package ui

import (
	"net"
	"net/url"
	"strings"

	"github.com/immtui/immtui/safetext"
)

// DemoRegion is the region main gives the in-process emulator; the header
// shows a demo marker for it (as for Options.Demo) instead of a region.
const DemoRegion = "demo"

// headerPart is one item of the header bar in the forms it can take, from
// the most telling to the shortest; past the last form the part is gone.
type headerPart struct {
	forms []headerForm
	form  int  // the form in use
	mark  bool // the value is drawn in the marker style (demo)
	tight bool // one space before it, not two: it reads on from the last
}

// headerForm is a muted label ("project", may be "") and a value.
type headerForm struct{ key, val string }

func (p *headerPart) text() headerForm {
	if p.form >= len(p.forms) {
		return headerForm{}
	}
	return p.forms[p.form]
}

// width is the part's cells with its two-space lead; 0 when gone.
func (p *headerPart) width() int {
	f := p.text()
	if f.val == "" {
		return 0
	}
	w := 2 + safetext.Width(f.val)
	if f.key != "" {
		w += safetext.Width(f.key) + 1
	}
	return w
}

// headerParts are the header's items left to right, and the order in
// which they give way when the line is too narrow: each step takes one
// part to its next shorter form. The read-only marker (drawn apart, on the
// right) and the dataset go last.
func (m *Model) headerParts(project, dataset string) (parts, shrink []*headerPart) {
	demo := m.opts.Demo || m.opts.Region == DemoRegion
	host, insecure := endpointShown(m.opts.Endpoint)
	brand := &headerPart{forms: []headerForm{{val: "immtui"}}}
	region := &headerPart{}
	if r := safetext.Line(m.opts.Region); !demo && r != "" && !strings.Contains(host, r) {
		// A host like imm.cn-hangzhou.aliyuncs.com names its own region.
		region.forms = []headerForm{{key: "region", val: r}}
	}
	marker := &headerPart{mark: true}
	// Plain http beyond this machine (--insecure-http): the warning gives
	// way to nothing but its own shorter form.
	warning := &headerPart{mark: true}
	if insecure {
		warning.forms = []headerForm{{val: "INSECURE: plain http"}, {val: "INSECURE"}}
	}
	endpoint := &headerPart{forms: []headerForm{{key: "endpoint", val: host}, {val: host}}}
	if demo {
		marker.forms = []headerForm{{val: "demo"}}
		endpoint.forms = []headerForm{{val: "emulator " + host}, {val: host}}
		endpoint.tight = true // "demo emulator 127.0.0.1:37085"
	}
	projectPart, datasetPart := &headerPart{}, &headerPart{}
	if project != "" {
		p, d := safetext.Line(project), safetext.Line(dataset)
		projectPart.forms = []headerForm{{key: "project", val: p}, {val: p}}
		// The dataset is never dropped: the line is cut at the end instead.
		datasetPart.forms = []headerForm{{key: "dataset", val: d}, {val: d}, {val: d}}
	}
	// Where the keys come from ("profile default (cli_profile)"), never
	// a key; it gives way early, after the region.
	creds := &headerPart{}
	if c := safetext.Line(m.opts.Credentials); c != "" {
		creds.forms = []headerForm{{val: c}}
		if name, _, ok := strings.Cut(c, " ("); ok && strings.HasPrefix(c, "profile ") {
			creds.forms = append(creds.forms, headerForm{val: name}) // "profile default"
		}
	}
	parts = []*headerPart{brand, marker, warning, endpoint, region, creds, projectPart, datasetPart}
	shrink = []*headerPart{region, creds, brand, creds, warning, endpoint, endpoint, projectPart, datasetPart, marker, projectPart}
	return parts, shrink
}

// headerLine shows where the browser points (the project and dataset
// browsed); on the right, the read-only marker. Lower-priority parts give way first as the width shrinks (see
// headerParts); the dataset, last, is cut rather than dropped.
func (m *Model) headerLine(project, dataset string) string {
	st := m.opts.Styles
	ro := ""
	if m.opts.ReadOnly {
		ro = " read-only "
	}
	parts, shrink := m.headerParts(project, dataset)
	room := m.width - safetext.Width(ro)
	total := func() int {
		n := 0
		for _, p := range parts {
			n += p.width()
		}
		return n
	}
	for _, p := range shrink {
		if total() <= room {
			break
		}
		p.form++
	}
	var b strings.Builder
	for _, p := range parts {
		f := p.text()
		if f.val == "" {
			continue
		}
		lead := "  "
		if b.Len() == 0 || p.tight {
			lead = " "
		}
		if f.key != "" {
			b.WriteString(st.HeaderKey.Render(lead + f.key + " "))
		} else {
			b.WriteString(st.Header.Render(lead))
		}
		if p.mark {
			b.WriteString(st.ReadOnly.Render(f.val))
		} else {
			b.WriteString(st.HeaderVal.Render(f.val))
		}
	}
	left := m.opts.Styles.Truncate(b.String(), m.width-safetext.Width(ro))
	if pad := m.width - safetext.Width(left) - safetext.Width(ro); pad > 0 {
		left += st.Header.Render(strings.Repeat(" ", pad))
	}
	if ro != "" {
		left += st.ReadOnly.Render(ro)
	}
	return m.opts.Styles.Truncate(left, m.width)
}

// endpointShown is the endpoint as scheme://host[:port] (a path says
// nothing a user needs; the scheme says whether the line is encrypted),
// and whether it is plain http to a host other than this machine.
func endpointShown(e string) (shown string, insecure bool) {
	e = safetext.Line(e)
	if e == "" {
		return "", false
	}
	if !strings.Contains(e, "://") {
		e = "https://" + e
	}
	u, err := url.Parse(e)
	if err != nil || u.Host == "" {
		return e, false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme + "://" + u.Host, scheme == "http" && !loopbackHost(u.Hostname())
}

// loopbackHost is the client's rule for where plain http is allowed
// without --insecure-http: localhost, 127.0.0.0/8 and ::1.
func loopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
