package termimage

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

func TestKittyTransmitsOnceAndAgainWhenChanged(t *testing.T) {
	k := NewKitty(false)
	id := k.ID("face-1")
	if id != k.ID("face-1") || id == k.ID("face-2") {
		t.Fatal("ids are per key and stable")
	}
	img := checkerboard(8)
	tx, lines := k.Draw(id, img, 4, 2)
	if !strings.HasPrefix(tx, "\x1b_Ga=T,f=100,U=1,q=2,i=1,c=4,r=2,m=0;") || !strings.HasSuffix(tx, "\x1b\\") {
		t.Fatalf("transmit %q", tx[:min(len(tx), 80)])
	}
	requireCells(t, lines, 4, 2)
	if tx2, lines2 := k.Draw(id, img, 4, 2); tx2 != "" || strings.Join(lines2, "\n") != strings.Join(lines, "\n") {
		t.Error("an unchanged image was sent again")
	}
	other := checkerboard(8)
	other.SetRGBA(0, 0, color.RGBA{255, 0, 0, 255})
	if tx3, _ := k.Draw(id, other, 4, 2); tx3 == "" {
		t.Error("a changed image was not sent")
	}
	if tx4, _ := k.Draw(id, other, 5, 2); tx4 == "" {
		t.Error("a new placement size was not sent")
	}
	k.Forget(id)
	if tx5, _ := k.Draw(id, other, 5, 2); tx5 == "" {
		t.Error("Forget did not make it send again")
	}
}

func TestKittyPlaceholderCells(t *testing.T) {
	lines := Placeholders(7, 3, 2)
	want0 := "\x1b[38;5;7m" + "\U0010EEEE\u0305\u0305" + "\U0010EEEE\u0305\u030D" + "\U0010EEEE\u0305\u030E" + "\x1b[39m"
	if lines[0] != want0 {
		t.Errorf("row 0 = %q, want %q", lines[0], want0)
	}
	if !strings.HasPrefix(lines[1], "\x1b[38;5;7m\U0010EEEE\u030D\u0305") {
		t.Errorf("row 1 = %q", lines[1])
	}
	if big := Placeholders(0x123456, 1, 1)[0]; !strings.HasPrefix(big, "\x1b[38;2;18;52;86m") {
		t.Errorf("24-bit id: %q", big)
	}
}

func TestKittyInTmuxIsWrapped(t *testing.T) {
	k := NewKitty(true)
	tx, _ := k.Draw(k.ID("a"), gradient(64, 64), 10, 5)
	if !strings.HasPrefix(tx, "\x1bPtmux;\x1b\x1b_G") || !strings.HasSuffix(tx, "\x1b\\\x1b\\") {
		t.Errorf("not wrapped for tmux: %q", tx[:40])
	}
}

func TestKittyPlaceholdersOnlyWhenChosen(t *testing.T) {
	img := gradient(40, 40)
	for _, c := range []Capability{
		Choose(ModeAuto, env("TERM", "xterm-256color", "COLORTERM", "truecolor"), false),
		Choose(ModeAuto, env("TERM", "xterm-kitty", "SSH_TTY", "/dev/pts/0"), false),
		Choose(ModeHalfBlock, env("TERM", "xterm-kitty"), false),
		Choose(ModeOff, env("TERM", "xterm-kitty"), false),
		Choose(ModeAuto, env("TERM", "xterm"), false),
	} {
		r := NewRenderer(c)
		for i := 0; i < 2; i++ {
			f := r.Draw("k", img, 12, 6, "[face]")
			all := f.Transmit + strings.Join(f.Lines, "")
			if f.Transmit != "" || strings.ContainsRune(all, placeholderRune) || strings.Contains(all, "\x1b_G") {
				t.Errorf("%+v drew kitty graphics", c)
			}
			requireCells(t, f.Lines, 12, 6)
		}
	}
	r := NewRenderer(Choose(ModeAuto, env("TERM", "xterm-kitty"), false))
	f := r.Draw("k", img, 12, 6, "")
	if f.Transmit == "" || !strings.ContainsRune(f.Lines[0], placeholderRune) {
		t.Error("kitty chosen but not drawn with placeholders")
	}
	requireCells(t, f.Lines, 12, 6)
	if f2 := r.Draw("k", img, 12, 6, ""); f2.Transmit != "" {
		t.Error("re-sent")
	}
	if f3 := r.Draw("none", nil, 8, 3, "no access"); f3.Transmit != "" || f3.Lines[1] != "no acces" {
		t.Errorf("nil image: %+v", f3)
	}
	_ = image.Rect
}
