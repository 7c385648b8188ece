package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestNonceStoreRefusesAReplayUntilItsDateLeavesTheWindow(t *testing.T) {
	s := newNonceStore(1000)
	date := vectorTime
	now := date.Add(time.Minute)
	if err := s.admit("n", "a", date, now); err != nil {
		t.Fatal(err)
	}
	// The date check accepts a date exactly dateWindow old: the nonce must
	// still be remembered then.
	if err := s.admit("n", "a", date, date.Add(dateWindow)); err == nil || err.Code != "SignatureNonceUsed" {
		t.Fatalf("replay at the window's edge: %v", err)
	}
	// Past it no valid request can carry that date any more.
	if err := s.admit("n", "b", date, date.Add(dateWindow+time.Second)); err != nil {
		t.Fatal(err)
	}
	if s.size() != 1 {
		t.Fatalf("expired nonce kept: size %d", s.size())
	}
}

// Entries leave by their own expiry, not by arrival: a nonce with a near
// date that arrived late goes as soon as its window ends.
func TestNonceStoreExpiresInDateOrder(t *testing.T) {
	s := newNonceStore(1000)
	now := vectorTime
	if s.add("late-date", now.Add(10*time.Minute+dateWindow), now) != nonceNew ||
		s.add("early-date", now.Add(-10*time.Minute+dateWindow), now) != nonceNew {
		t.Fatal("fresh nonces refused")
	}
	s.add("probe", now.Add(time.Hour), now.Add(6*time.Minute))
	if s.size() != 2 {
		t.Fatalf("size %d, want the early-date nonce gone", s.size())
	}
	if s.add("late-date", now.Add(dateWindow), now.Add(6*time.Minute)) != nonceUsed {
		t.Fatal("late-date nonce forgotten early")
	}
}

func TestNonceStoreRefusesNewNoncesWhenFullAndForgetsNone(t *testing.T) {
	s := newNonceStore(3)
	now := vectorTime
	for i := range 3 {
		if err := s.admit("n", fmt.Sprint("nonce-", i), now, now); err != nil {
			t.Fatal(err)
		}
	}
	err := s.admit("n", "nonce-new", now, now)
	if err == nil || err.Code != "ServiceUnavailable" || err.Status != 503 {
		t.Fatalf("full store: %v", err)
	}
	if err := s.admit("n", "nonce-0", now, now); err == nil || err.Code != "SignatureNonceUsed" {
		t.Fatalf("a remembered nonce was forgotten under pressure: %v", err)
	}
	if s.size() != 3 || len(s.queue) != 3 {
		t.Fatalf("size %d, queue %d", s.size(), len(s.queue))
	}
	// Once the window has passed the store has room again.
	if err := s.admit("n", "nonce-new", now.Add(2*dateWindow), now.Add(dateWindow+time.Second)); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if s.size() != 1 {
		t.Fatalf("size %d after expiry", s.size())
	}
}

func TestNonceStoreStaysBoundedUnderAFlood(t *testing.T) {
	s := newNonceStore(100)
	full := 0
	for i := range 10_000 {
		if s.add(fmt.Sprint("n", i), vectorTime.Add(dateWindow), vectorTime) == nonceFull {
			full++
		}
	}
	if s.size() != 100 || len(s.queue) != 100 || full != 9_900 {
		t.Fatalf("size %d, queue %d, refused %d", s.size(), len(s.queue), full)
	}
}

func TestCheckNonceBoundsLengthAndCharacters(t *testing.T) {
	for _, ok := range []string{"0123456789abcdef0123456789abcdef", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", strings.Repeat("x", maxNonceLen), "!~"} {
		if err := checkNonce("n", ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{strings.Repeat("x", maxNonceLen+1), strings.Repeat("x", 2<<20), "a b", "a\u00a0", "é", "a\x7f", "a\tb"} {
		err := checkNonce("n", bad)
		if err == nil || err.Code != "InvalidParameter" || err.Status != 400 {
			t.Errorf("%.20q: %v", bad, err)
		}
	}
	if err := checkNonce("n", strings.Repeat("x", 2<<20)); !strings.Contains(err.Message, "at most 128") {
		t.Errorf("message %q does not say the bound", err.Message)
	}
}
