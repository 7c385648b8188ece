package uitest

import (
	"bytes"
	"context"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"

	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/termimage"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// HalfBlock256 draws half-blocks in the 256-colour palette: the
// deterministic picture mode of goldens.
var HalfBlock256 = termimage.Capability{Protocol: termimage.ProtocolHalfBlock, Colors: termimage.ColorsANSI256}

// NoColour is a terminal of 16 colours: placeholders only.
var NoColour = termimage.Capability{Protocol: termimage.ProtocolPlaceholder, Colors: termimage.ColorsNone}

// Picture is a small PNG told apart by uri: a "face" (a disc) of one
// colour on a background of another, both from the URI's hash, so a
// golden shows which file each tile is.
func Picture(uri string) []byte {
	h := fnv.New32a()
	h.Write([]byte(uri))
	s := h.Sum32()
	face := color.RGBA{uint8(s), uint8(s >> 8), uint8(s >> 16), 255}
	bg := color.RGBA{uint8(s>>24) ^ 0x80, uint8(s) ^ 0x55, uint8(s>>8) ^ 0xaa, 255}
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			c := bg
			if dx, dy := x-8, y-8; dx*dx+dy*dy < 30 {
				c = face
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// NewImages is face pictures drawn as c says, read through fetch (nil:
// Picture of the URI), with a memory cache only.
func NewImages(c termimage.Capability, fetch imagecache.FetchFunc) *faceimg.Images {
	if fetch == nil {
		fetch = func(ctx context.Context, uri, process string) ([]byte, error) { return Picture(uri), nil }
	}
	return &faceimg.Images{Renderer: termimage.NewRenderer(c), Cache: imagecache.New(imagecache.Config{Fetcher: fetch})}
}

// GivePictures gives every file a size and each face a Boundary, so that
// their crops can be planned (AddMembers' files have neither).
func (f *Fake) GivePictures() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, file := range f.FileMap {
		file.ImageWidth, file.ImageHeight, file.Orientation, file.ETag = 400, 300, 1, `"etag-`+file.URI+`"`
		for i := range file.Figures {
			file.Figures[i].Boundary = &imm.Boundary{Left: int64(40 + 30*i), Top: 60, Width: 80, Height: 100}
		}
	}
}
