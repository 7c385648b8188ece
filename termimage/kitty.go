package termimage

import (
	"bytes"
	"encoding/base64"
	"hash/fnv"
	"image"
	"image/png"
	"strconv"
	"strings"
	"sync"
)

// placeholderRune is the kitty graphics protocol's Unicode placeholder: a
// cell showing part of an image, whose id is the cell's foreground colour
// and whose row and column are the two diacritics after it.
const placeholderRune = '\U0010EEEE'

// diacritics are the first entries of kitty's rowcolumn-diacritics table:
// entry i encodes row (or column) i. MaxKittyCells bounds a placement.
var diacritics = [...]rune{
	0x0305, 0x030D, 0x030E, 0x0310, 0x0312, 0x033D, 0x033E, 0x033F, 0x0346, 0x034A,
	0x034B, 0x034C, 0x0350, 0x0351, 0x0352, 0x0357, 0x035B, 0x0363, 0x0364, 0x0365,
	0x0366, 0x0367, 0x0368, 0x0369, 0x036A, 0x036B, 0x036C, 0x036D, 0x036E, 0x036F,
	0x0483, 0x0484, 0x0485, 0x0486, 0x0487, 0x0592, 0x0593, 0x0594, 0x0595, 0x0597,
	0x0598, 0x0599, 0x059C, 0x059D, 0x059E, 0x059F, 0x05A0, 0x05A1, 0x05A8, 0x05A9,
	0x05AB, 0x05AC, 0x05AF, 0x05C4, 0x0610, 0x0611, 0x0612, 0x0613, 0x0614, 0x0615,
	0x0616, 0x0617, 0x0657, 0x0658,
}

// MaxKittyCells is the largest width or height, in cells, of one kitty
// placement (the diacritics table above).
const MaxKittyCells = len(diacritics)

// maxKittyIDs bounds the ids a session hands out; past it the table starts
// over (and the images are sent again on their next Draw).
const maxKittyIDs = 1 << 16

// Kitty hands out image ids and remembers what the terminal holds, so an
// unchanged image is transmitted once and afterwards drawn with
// placeholder text alone, which Bubble Tea's line diffing handles like any
// other text. Safe for concurrent use.
type Kitty struct {
	tmux bool

	mu   sync.Mutex
	ids  map[string]uint32
	sent map[uint32]uint64 // id -> hash of the image and placement sent
}

// NewKitty returns the state of one terminal session. tmux wraps the
// graphics commands in tmux's passthrough (Capability.Tmux).
func NewKitty(tmux bool) *Kitty {
	return &Kitty{tmux: tmux, ids: map[string]uint32{}, sent: map[uint32]uint64{}}
}

// ID is the image id for key (e.g. a face's cache key), the same for the
// whole session.
func (k *Kitty) ID(key string) uint32 {
	k.mu.Lock()
	defer k.mu.Unlock()
	if id, ok := k.ids[key]; ok {
		return id
	}
	if len(k.ids) >= maxKittyIDs {
		clear(k.ids)
		clear(k.sent)
	}
	id := uint32(len(k.ids) + 1)
	k.ids[key] = id
	return id
}

// Draw returns what shows img as image id in cols x rows cells: the
// transmit sequence, empty when the terminal already holds this very image
// and placement under id, and the placeholder lines. Write transmit before
// the lines (for example prepended to the first line of the frame that
// first shows it). cols and rows are clamped to MaxKittyCells.
func (k *Kitty) Draw(id uint32, img image.Image, cols, rows int) (transmit string, lines []string) {
	cols, rows = min(cols, MaxKittyCells), min(rows, MaxKittyCells)
	if cols <= 0 || rows <= 0 || id == 0 {
		return "", nil
	}
	h := imageHash(img, cols, rows)
	k.mu.Lock()
	fresh := k.sent[id] != h
	if fresh {
		k.sent[id] = h
	}
	k.mu.Unlock()
	if fresh {
		transmit = k.transmit(id, img, cols, rows)
	}
	return transmit, Placeholders(id, cols, rows)
}

// Forget makes the next Draw of id transmit again, for example after the
// terminal was reset.
func (k *Kitty) Forget(id uint32) {
	k.mu.Lock()
	delete(k.sent, id)
	k.mu.Unlock()
}

// Placeholders is rows lines of cols placeholder cells for image id. Each
// cell carries its row and column diacritics, so no cell depends on its
// left neighbour (a diffing renderer may redraw any cell alone).
func Placeholders(id uint32, cols, rows int) []string {
	cols, rows = min(cols, MaxKittyCells), min(rows, MaxKittyCells)
	fg := "\x1b[38;5;" + strconv.Itoa(int(id)) + "m"
	if id > 255 {
		fg = "\x1b[38;2;" + strconv.Itoa(int(id>>16&0xff)) + ";" + strconv.Itoa(int(id>>8&0xff)) + ";" + strconv.Itoa(int(id&0xff)) + "m"
	}
	lines := make([]string, rows)
	var b strings.Builder
	for r := range lines {
		b.Reset()
		b.WriteString(fg)
		for c := 0; c < cols; c++ {
			b.WriteRune(placeholderRune)
			b.WriteRune(diacritics[r])
			b.WriteRune(diacritics[c])
		}
		b.WriteString("\x1b[39m")
		lines[r] = b.String()
	}
	return lines
}

// transmit uploads img as PNG and creates a virtual placement of cols x
// rows cells (a=T, U=1), in chunks of 4096 base64 bytes, quietly (q=2).
func (k *Kitty) transmit(id uint32, img image.Image, cols, rows int) string {
	// About 10x20 pixels per cell is what most fonts give; more is wasted.
	px := Fit(img, cols*10, rows*20)
	var buf bytes.Buffer
	if err := png.Encode(&buf, px); err != nil {
		return ""
	}
	data := base64.StdEncoding.EncodeToString(buf.Bytes())
	var b strings.Builder
	for first := true; first || data != ""; first = false {
		n := min(4096, len(data))
		chunk := data[:n]
		data = data[n:]
		more := "0"
		if data != "" {
			more = "1"
		}
		var cmd string
		if first {
			cmd = "\x1b_Ga=T,f=100,U=1,q=2,i=" + strconv.Itoa(int(id)) + ",c=" + strconv.Itoa(cols) + ",r=" + strconv.Itoa(rows) + ",m=" + more + ";" + chunk + "\x1b\\"
		} else {
			cmd = "\x1b_Gm=" + more + ";" + chunk + "\x1b\\"
		}
		if k.tmux {
			cmd = "\x1bPtmux;" + strings.ReplaceAll(cmd, "\x1b", "\x1b\x1b") + "\x1b\\"
		}
		b.WriteString(cmd)
	}
	return b.String()
}

func imageHash(img image.Image, cols, rows int) uint64 {
	h := fnv.New64a()
	b := img.Bounds()
	var hdr [24]byte
	for i, v := range []int{b.Dx(), b.Dy(), cols, rows, b.Min.X, b.Min.Y} {
		hdr[i*4], hdr[i*4+1], hdr[i*4+2], hdr[i*4+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	h.Write(hdr[:])
	if rgba, ok := img.(*image.RGBA); ok {
		h.Write(rgba.Pix)
	} else {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, a := img.At(x, y).RGBA()
				h.Write([]byte{byte(r >> 8), byte(g >> 8), byte(bl >> 8), byte(a >> 8)})
			}
		}
	}
	return h.Sum64()
}
