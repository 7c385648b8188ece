package emulator

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults makes the emulator misbehave like a real service on a bad day.
// Shares are fractions of requests in 0..1 and must not sum above 1; the
// sequence of faults is drawn from Seed, so a run repeats exactly when the
// requests arrive in the same order.
type Faults struct {
	Latency      time.Duration // added to every request
	Jitter       time.Duration // uniform extra 0..Jitter
	ServerErrors float64       // share answered 500 InternalError / 503 ServiceUnavailable
	Throttle     float64       // share answered 400 Throttling.User
	Truncate     float64       // share whose body is cut short (hijack, write part, close)
	Seed         int64         // deterministic fault sequence
}

// faultKeys are the spec keys, in the order String writes them.
var faultKeys = []string{"latency", "jitter", "5xx", "throttle", "truncate", "seed"}

// ParseFaults reads a spec such as
// "latency=50ms,jitter=20ms,5xx=0.1,throttle=0.05,truncate=0.02,seed=7".
// An empty spec means no faults.
func ParseFaults(spec string) (Faults, error) {
	var f Faults
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		k, v, ok := strings.Cut(item, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || v == "" {
			return Faults{}, fmt.Errorf("faults: %q is not key=value; example: latency=50ms,5xx=0.1,seed=7", item)
		}
		var err error
		switch strings.ToLower(k) {
		case "latency":
			f.Latency, err = parseNonNegativeDuration(k, v)
		case "jitter":
			f.Jitter, err = parseNonNegativeDuration(k, v)
		case "5xx":
			f.ServerErrors, err = parseShare(k, v)
		case "throttle":
			f.Throttle, err = parseShare(k, v)
		case "truncate":
			f.Truncate, err = parseShare(k, v)
		case "seed":
			f.Seed, err = strconv.ParseInt(v, 10, 64)
			if err != nil {
				err = fmt.Errorf("faults: seed=%s is not an integer", v)
			}
		default:
			err = fmt.Errorf("faults: unknown key %q; known keys are %s", k, strings.Join(faultKeys, ", "))
		}
		if err != nil {
			return Faults{}, err
		}
	}
	if err := f.validate(); err != nil {
		return Faults{}, err
	}
	return f, nil
}

func parseNonNegativeDuration(k, v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("faults: %s=%s is not a duration such as 50ms or 2s", k, v)
	}
	if d < 0 {
		return 0, fmt.Errorf("faults: %s=%s must not be negative", k, v)
	}
	return d, nil
}

func parseShare(k, v string) (float64, error) {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x < 0 || x > 1 || x != x {
		return 0, fmt.Errorf("faults: %s=%s must be a share between 0 and 1, such as 0.05", k, v)
	}
	return x, nil
}

func (f Faults) validate() error {
	if f.Latency < 0 || f.Jitter < 0 {
		return fmt.Errorf("faults: latency and jitter must not be negative")
	}
	for _, x := range []float64{f.ServerErrors, f.Throttle, f.Truncate} {
		if x < 0 || x > 1 || x != x {
			return fmt.Errorf("faults: shares must be between 0 and 1")
		}
	}
	if sum := f.ServerErrors + f.Throttle + f.Truncate; sum > 1+1e-9 {
		return fmt.Errorf("faults: 5xx+throttle+truncate is %.3g; the shares of requests must not sum above 1", sum)
	}
	return nil
}

// String is the spec ParseFaults reads back to the same Faults; "none"
// when nothing is injected.
func (f Faults) String() string {
	var parts []string
	if f.Latency != 0 {
		parts = append(parts, "latency="+f.Latency.String())
	}
	if f.Jitter != 0 {
		parts = append(parts, "jitter="+f.Jitter.String())
	}
	share := func(k string, x float64) {
		if x != 0 {
			parts = append(parts, k+"="+strconv.FormatFloat(x, 'g', -1, 64))
		}
	}
	share("5xx", f.ServerErrors)
	share("throttle", f.Throttle)
	share("truncate", f.Truncate)
	if f.Seed != 0 {
		parts = append(parts, "seed="+strconv.FormatInt(f.Seed, 10))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}

// faultKind is what one request suffers.
type faultKind int

const (
	faultNone faultKind = iota
	faultServerError
	faultUnavailable
	faultThrottle
	faultTruncate
)

// faultPlan is one request's draw: its delay and its fault.
type faultPlan struct {
	delay time.Duration
	kind  faultKind
}

// injector draws faults from a seeded generator, one draw per request in
// arrival order.
type injector struct {
	mu  sync.Mutex
	f   Faults
	rng *rand.Rand
}

func newInjector(f Faults) *injector {
	i := &injector{}
	i.set(f)
	return i
}

func (i *injector) set(f Faults) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.f = f
	i.rng = rand.New(rand.NewPCG(uint64(f.Seed), 0x1a2b3c4d))
}

func (i *injector) get() Faults {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.f
}

// draw takes the next request's plan. It always consumes the same number of
// random values, so the sequence does not depend on which faults hit.
func (i *injector) draw() faultPlan {
	i.mu.Lock()
	defer i.mu.Unlock()
	f := i.f
	u, j, half := i.rng.Float64(), i.rng.Float64(), i.rng.IntN(2)
	p := faultPlan{delay: f.Latency}
	if f.Jitter > 0 {
		p.delay += time.Duration(j * float64(f.Jitter))
	}
	switch {
	case u < f.ServerErrors:
		p.kind = faultServerError
		if half == 1 {
			p.kind = faultUnavailable
		}
	case u < f.ServerErrors+f.Throttle:
		p.kind = faultThrottle
	case u < f.ServerErrors+f.Throttle+f.Truncate:
		p.kind = faultTruncate
	}
	return p
}

// sleep waits d or until ctx ends, so a slow answer never outlives its
// caller or the server.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
