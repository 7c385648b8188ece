// Package faceimg puts face crops on screen: the session's loader and
// renderer (Images, built once at start), and a Set, one per screen part,
// that loads only the faces it is told are wanted (what is visible and the
// next screen), a few at a time, cancels the loads of faces no longer
// wanted, and hands back each face as exactly the cells asked for, or a
// placeholder that says why there is no picture.
//
// Loading and drawing run in tea.Cmds (imagecache.Draw); every reply
// carries the request id it answers, and a Set keeps only replies to the
// requests it still waits for.
package faceimg

import (
	"errors"
	"sync/atomic"
	"time"

	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/termimage"
)

// FileFields are the File fields a crop is planned from, besides Figures:
// the image's size and orientation (imagecache.Request.Plan), the ETag that
// keys the disk cache, and a video's size.
var FileFields = []string{"ETag", "ImageWidth", "ImageHeight", "Orientation", "VideoWidth", "VideoHeight"}

// DefaultInFlight is how many faces one Set loads at once: the cache runs
// at most imagecache.DefaultConcurrency reads, and a few more decode from
// memory or disk meanwhile.
const DefaultInFlight = 4

// transmitHold is how long a kitty image's transmit stays on the frame
// after it arrives. Bubble Tea draws only the last view of each of its
// frames (60 a second), so a transmit on one view alone could be skipped;
// kept for a few frames it is written, and then dropped so that a line that
// changes later (a selection frame moving) does not send it again.
const transmitHold = 150 * time.Millisecond

// Images is one terminal session's face pictures: the cache that loads
// them and the renderer that draws them. A nil *Images draws nothing but
// placeholders and loads nothing (tests, --images off without a cache).
type Images struct {
	Cache    *imagecache.Cache
	Renderer *termimage.Renderer
	// Denied says whether err is the storage refusing the read for want
	// of a permission, and names the permission (oss:GetObject). main
	// supplies it, so that nothing under ui/ imports the OSS client.
	Denied func(err error) (permission string, ok bool)
	// Mode is what --images (or the config) asked for, for the notice
	// that says why pictures are not drawn.
	Mode termimage.Mode
	// NoSource says why the session has no storage to read pictures from
	// (main knows: an --endpoint without a region), for the same notice.
	NoSource string

	ids atomic.Int64
}

// Drawing reports whether pictures are drawn at all: not with --images
// off, without colours (16 colours, NO_COLOR) or without a cache.
func (im *Images) Drawing() bool {
	return im != nil && im.Cache != nil && im.Renderer != nil && im.Renderer.Cap.Protocol != termimage.ProtocolPlaceholder
}

// Protocol is how pictures are drawn (the placeholder without Images).
func (im *Images) Protocol() termimage.Protocol {
	if !im.Drawing() {
		return termimage.ProtocolPlaceholder
	}
	return im.Renderer.Cap.Protocol
}

// Why says, in a few words for a title line, why pictures are not drawn
// ("" when they are).
func (im *Images) Why() string {
	switch {
	case im.Drawing():
		return ""
	case im != nil && im.Cache == nil && im.NoSource != "":
		return im.NoSource
	case im == nil || im.Cache == nil || im.Renderer == nil:
		return "no pictures in this session"
	case im.Mode == termimage.ModeOff:
		return "pictures off (--images)"
	}
	return "no pictures in 16 colours: set COLORTERM=truecolor or a 256color TERM"
}

// nextID is a request id unique among every Set of the session.
func (im *Images) nextID() int64 { return im.ids.Add(1) }

// denied reports a permission refusal in err.
func (im *Images) denied(err error) (string, bool) {
	if im == nil || im.Denied == nil || err == nil || errors.Is(err, errCancelled) {
		return "", false
	}
	return im.Denied(err)
}
