package dataset

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/immtui/immtui/assets"
)

// rng wraps the one PCG source of a generation run. Every random choice goes
// through it, in a fixed order, so a seed fixes the output.
type rng struct{ *rand.Rand }

func newRNG(seed int64) rng {
	// The second PCG word is a constant: the seed alone decides the stream.
	return rng{rand.New(rand.NewPCG(uint64(seed), 0x696d6d747569))}
}

// chance is true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between returns a float64 in [lo, hi).
func (r rng) between(lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// score returns a float64 in [lo, hi) rounded to 3 decimals, as IMM scores
// read.
func (r rng) score(lo, hi float64) float64 { return round3(r.between(lo, hi)) }

func round3(x float64) float64 { return float64(math.Round(x*1000) / 1000) }

// pick returns one element of s.
func pick[T any](r rng, s []T) T { return s[r.IntN(len(s))] }

// weighted picks a value by relative weight.
func (r rng) weighted(w []assets.Weighted) string {
	total := 0
	for _, x := range w {
		total += x.Weight
	}
	n := r.IntN(total)
	for _, x := range w {
		if n < x.Weight {
			return x.Value
		}
		n -= x.Weight
	}
	return w[len(w)-1].Value
}

// hexString returns n random bytes in lower-case hex.
func (r rng) hexString(n int) string {
	var b [64]byte
	r.fill(b[:n])
	var out [128]byte
	hex.Encode(out[:], b[:n])
	return string(out[:2*n])
}

func (r rng) fill(b []byte) {
	for i := 0; i < len(b); i += 8 {
		v := r.Uint64()
		for j := 0; j < 8 && i+j < len(b); j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
}

// uuid returns a random version-4 UUID string.
func (r rng) uuid() string {
	var b [16]byte
	r.fill(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

// requestID looks like IMM's request IDs: an upper-case UUID.
func (r rng) requestID() string {
	u := []byte(r.uuid())
	for i, c := range u {
		if c >= 'a' && c <= 'f' {
			u[i] = c - 'a' + 'A'
		}
	}
	return string(u)
}

// ossDigests returns the ETag, Content-MD5, FileHash and CRC64 of an object:
// the first three are the same MD5, as OSS reports them for simple uploads.
func (r rng) ossDigests() (etag, contentMD5, fileHash, crc64 string) {
	var md5 [16]byte
	r.fill(md5[:])
	h := hex.EncodeToString(md5[:])
	up := []byte(h)
	for i, c := range up {
		if c >= 'a' && c <= 'f' {
			up[i] = c - 'a' + 'A'
		}
	}
	return `"` + string(up) + `"`, base64.StdEncoding.EncodeToString(md5[:]), h,
		strconv.FormatUint(r.Uint64(), 10)
}

// timeBefore returns a time up to span before t, with nanoseconds, as IMM's
// times carry them.
func (r rng) timeBefore(t time.Time, span time.Duration) time.Time {
	return t.Add(-time.Duration(r.Int64N(int64(span)))).Truncate(time.Nanosecond)
}

// stamp formats t as IMM does: RFC3339Nano in +08:00.
func stamp(t time.Time) string { return t.In(cst).Format(time.RFC3339Nano) }
