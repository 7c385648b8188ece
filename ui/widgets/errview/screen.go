package errview

import (
	"errors"
	"strconv"
	"time"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// Screen is a failure as the screen a user meets shows it: a title that
// names it, what IMM (or the network) said, what to do, the request id
// support asks for, and the keys that help.
type Screen struct {
	Title string
	Said  string // the code and message, "" when there is nothing more to say
	// FromIMM is true when Said is IMM's answer (an HTTP status came).
	FromIMM   bool
	Do        string // the advice (imm.Error.Hint)
	RequestID string // "" when no request reached IMM
	// Keys are the ways on from here, in words ("r: try again").
	Keys []string
	// Picker is true when choosing another project or dataset helps (not
	// found, not allowed): the picker's key is offered.
	Picker bool
}

// PickerKey is the key that opens the project list from anywhere; the
// root binds it (and a failure screen names it) when a picker exists.
const PickerKey = "P"

// Explain words err for its screen, from imm.Error's Cause and fields.
// Every field is sanitised; nothing in it comes from the runtime's own
// formatting, so no secret can reach it.
func Explain(err error) Screen {
	var ce *imm.Error
	if !errors.As(err, &ce) {
		return Screen{Title: "Something went wrong", Said: safetext.Line(err.Error()), Do: "Press r to try again.", Keys: []string{"r: try again"}}
	}
	s := Screen{Said: code(ce), Do: ce.Hint(), RequestID: ce.RequestId, FromIMM: ce.StatusCode != 0}
	if ce.Message != "" {
		s.Said += ": " + ce.Message
	}
	retry := ce.Retryable() || ce.Cause == imm.CauseClockSkew
	name := func(n string) string { return strconv.Quote(n) }
	switch ce.Cause {
	case imm.CauseNoCredentials:
		s.Title = "No credentials found"
	case imm.CauseBadCredentials:
		s.Title = "The credentials could not be used"
	case imm.CauseUnknownKey:
		s.Title = "IMM does not know this AccessKey ID"
	case imm.CauseBadSecret:
		s.Title = "Wrong AccessKey secret"
	case imm.CauseClockSkew:
		s.Title = "This computer's clock is off"
		if ce.ClockSkew != 0 {
			s.Title += " by " + roughly(ce.ClockSkew)
		}
	case imm.CauseDenied:
		// A policy fixed in the RAM console applies at once: r works.
		s.Title, s.Picker, retry = "Not allowed", ce.Action != "ListProjects", true
		if ce.AuthAction != "" {
			s.Title += ": " + ce.AuthAction
		}
		if ce.AuthResource != "" {
			s.Title += " on " + ce.AuthResource
		}
	case imm.CauseProjectNotFound:
		s.Title, s.Picker = "No project "+name(ce.Project), true
		if ce.Project == "" {
			s.Title = "Project not found"
		}
	case imm.CauseDatasetNotFound:
		s.Title, s.Picker = "No dataset "+name(ce.Dataset)+" in project "+name(ce.Project), true
		if ce.Dataset == "" {
			s.Title = "Dataset not found"
		}
	case imm.CauseThrottled:
		s.Title = "IMM is rate-limiting this account"
		if ce.Backoff > 0 {
			s.Title += " (backed off " + ce.Backoff.Round(time.Millisecond).String() + ")"
		}
	case imm.CauseDNS:
		s.Title = "Cannot resolve " + name(ce.Host)
	case imm.CauseNoRegionEndpoint:
		s.Title, retry = "No IMM endpoint in region "+name(ce.Region), false
	case imm.CauseRefused:
		s.Title = "Nothing answers at " + name(ce.Host)
	case imm.CauseUnreachable:
		s.Title = "Network unreachable"
		if ce.Host != "" {
			s.Title += ": " + name(ce.Host)
		}
	case imm.CauseTimeout:
		s.Title = "IMM did not answer in time"
	default:
		s.Title = "Error: " + code(ce)
		retry = true
	}
	if ce.StatusCode == 0 && ce.Code == "" {
		s.Said = "" // nothing answered: the title and the advice say it all
	}
	if retry {
		s.Keys = append(s.Keys, "r: try again")
	}
	if s.Picker {
		s.Keys = append(s.Keys, PickerKey+": choose another project")
	}
	s.Title = safetext.Line(s.Title)
	s.Said = safetext.Line(s.Said)
	s.Do = safetext.Line(s.Do)
	s.RequestID = safetext.Line(s.RequestID)
	return s
}

// Lines are the screen's lines, unwrapped: the title, then a blank line
// between what was said, what to do, the request and the keys.
func (s Screen) Lines() []string {
	out := []string{s.Title}
	if s.Said != "" {
		said := "Details: "
		if s.FromIMM {
			said = "IMM said: "
		}
		out = append(out, "", said+s.Said)
	}
	if s.Do != "" {
		out = append(out, "", s.Do)
	}
	if s.RequestID != "" {
		out = append(out, "", "Request ID: "+s.RequestID+" (give it to support)")
	}
	if len(s.Keys) > 0 {
		keys := ""
		for i, k := range s.Keys {
			if i > 0 {
				keys += "   "
			}
			keys += k
		}
		out = append(out, "", keys)
	}
	return out
}

// roughly is a clock difference in words, to the second.
func roughly(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Second)
	s := d.String()
	for _, cut := range []struct{ suffix, keep string }{{"h0m0s", "h"}, {"m0s", "m"}} {
		if len(s) > len(cut.suffix) && s[len(s)-len(cut.suffix):] == cut.suffix {
			return s[:len(s)-len(cut.suffix)] + cut.keep
		}
	}
	return s
}
