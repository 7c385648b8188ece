package emulator

import (
	"bytes"
	"image"
	"image/jpeg"
	"net/http"
	"strconv"
	"strings"

	"github.com/immtui/immtui/facecrop"
	"github.com/immtui/immtui/facepic"
	"github.com/immtui/immtui/imm"
)

// ossMaxSide bounds a drawn picture's side: no camera is larger, and a
// stranger's resize,w_100000 must not allocate gigabytes.
const ossMaxSide = 8192

// ossOp is a parsed x-oss-process: which stored pixels, at what size,
// turned for display or not.
type ossOp struct {
	region     image.Rectangle // stored coordinates
	outW, outH int
	orient     int64 // Orientation to apply to the output, 1 for none
	quality    int
}

var errProcessSubset = ossErr(http.StatusBadRequest, "InvalidArgument",
	"The emulator's image processing knows image/auto-orient,0|1, crop,x_,y_,w_,h_, resize,w_,h_, format,jpg and quality,q_ (in that order), and video/snapshot,t_,f_jpg,w_,h_.")

// parseProcess reads process for file f; "" is the whole object.
func parseProcess(process string, f *imm.File) (ossOp, *ossError) {
	isVideo := f.VideoWidth > 0 && f.ImageWidth <= 0
	w, h := int(f.ImageWidth), int(f.ImageHeight)
	if isVideo {
		w, h = int(f.VideoWidth), int(f.VideoHeight)
	}
	if w <= 0 || h <= 0 || w > ossMaxSide || h > ossMaxSide {
		return ossOp{}, ossErr(http.StatusNotImplemented, "NotImplemented", "The emulator has pictures of images and videos only, up to 8192 pixels a side.")
	}
	o := f.Orientation
	if o < 1 || o > 8 {
		o = 1
	}
	sw, sh := facecrop.StoredSize(w, h, o)
	op := ossOp{region: image.Rect(0, 0, sw, sh), outW: sw, outH: sh, orient: 1, quality: ossJPEGQuality}
	if process == "" {
		if isVideo {
			return ossOp{}, ossErr(http.StatusNotImplemented, "NotImplemented", "The emulator has no video bytes; ask for a frame with x-oss-process=video/snapshot,t_0,f_jpg,w_0,h_0.")
		}
		return op, nil
	}
	kind, rest, _ := strings.Cut(process, "/")
	steps := strings.Split(rest, "/")
	switch {
	case kind == "video" && isVideo:
		return parseSnapshot(steps, op)
	case kind == "image" && !isVideo:
	case kind == "image" || kind == "video":
		return ossOp{}, ossErr(http.StatusBadRequest, "InvalidArgument", "The process "+quote(kind)+" does not apply to this object's media type.")
	default:
		return ossOp{}, errProcessSubset
	}
	stage := 0 // steps must come in the documented order
	dispW, dispH := sw, sh
	for _, s := range steps {
		name, args := splitStep(s)
		switch {
		case name == "auto-orient" && stage < 1:
			stage = 1
			if v := args["_"]; v == "1" {
				op.orient, dispW, dispH = o, w, h
			} else if v != "0" {
				return ossOp{}, errProcessSubset
			}
		case name == "crop" && stage < 2:
			stage = 2
			x, y, cw, ch := num(args, "x", 0), num(args, "y", 0), num(args, "w", dispW), num(args, "h", dispH)
			r := image.Rect(x, y, x+cw, y+ch).Intersect(image.Rect(0, 0, dispW, dispH))
			if r.Empty() || x < 0 || y < 0 || cw <= 0 || ch <= 0 {
				return ossOp{}, ossErr(http.StatusBadRequest, "InvalidArgument", "The crop lies outside the image.")
			}
			if op.orient != 1 { // crop reads displayed coordinates after auto-orient,1
				r = facecrop.ToStored(r, dispW, dispH, op.orient)
			}
			op.region, dispW, dispH = r, r.Dx(), r.Dy()
			if op.orient != 1 {
				dispW, dispH = facecrop.StoredSize(r.Dx(), r.Dy(), op.orient)
			}
		case name == "resize" && stage < 3:
			stage = 3
			rw, rh := num(args, "w", 0), num(args, "h", 0)
			if rw < 0 || rh < 0 {
				return ossOp{}, errProcessSubset
			}
			dispW, dispH = fitWithin(dispW, dispH, rw, rh)
		case name == "format" && stage < 4 && (args["_"] == "jpg" || args["_"] == "jpeg"):
			stage = 4
		case name == "quality" && stage < 5:
			stage = 5
			if q := num(args, "q", 0); q >= 1 && q <= 100 {
				op.quality = q
			}
		default:
			return ossOp{}, errProcessSubset
		}
	}
	op.outW, op.outH = facecrop.StoredSize(dispW, dispH, op.orient)
	if op.outW <= 0 || op.outH <= 0 || op.outW > ossMaxSide || op.outH > ossMaxSide {
		return ossOp{}, ossErr(http.StatusBadRequest, "InvalidArgument", "The result would be larger than 8192 pixels a side.")
	}
	return op, nil
}

// parseSnapshot reads video/snapshot,t_,f_jpg,w_,h_[,m_fast]: the frame is
// the video's picture (the emulator draws one scene per video).
func parseSnapshot(steps []string, op ossOp) (ossOp, *ossError) {
	if len(steps) != 1 {
		return ossOp{}, errProcessSubset
	}
	name, args := splitStep(steps[0])
	if name != "snapshot" || args["f"] != "" && args["f"] != "jpg" {
		return ossOp{}, errProcessSubset
	}
	op.outW, op.outH = fitWithin(op.outW, op.outH, num(args, "w", 0), num(args, "h", 0))
	return op, nil
}

// fitWithin scales w x h down to width rw and/or height rh (0: free),
// keeping the aspect ratio and never enlarging, as OSS's resize does by
// default (limit_1).
func fitWithin(w, h, rw, rh int) (int, int) {
	if rw <= 0 && rh <= 0 {
		return w, h
	}
	s := 1.0
	if rw > 0 {
		s = min(s, float64(rw)/float64(w))
	}
	if rh > 0 {
		s = min(s, float64(rh)/float64(h))
	}
	return max(1, int(float64(w)*s+0.5)), max(1, int(float64(h)*s+0.5))
}

// splitStep splits "crop,x_1,y_2" into "crop" and {x:1, y:2}; a bare value
// ("auto-orient,1") is under "_".
func splitStep(s string) (string, map[string]string) {
	parts := strings.Split(s, ",")
	args := map[string]string{}
	for _, p := range parts[1:] {
		if k, v, ok := strings.Cut(p, "_"); ok {
			args[k] = v
		} else {
			args["_"] = p
		}
	}
	return parts[0], args
}

// num reads a non-negative integer argument; a malformed one is -1, which
// the checks refuse.
func num(args map[string]string, k string, def int) int {
	v, ok := args[k]
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 1<<20 {
		return -1
	}
	return n
}

// run draws and encodes the picture.
func (op ossOp) run(p *facepic.Picture) ([]byte, *ossError) {
	img := image.Image(p.Render(op.region, op.outW, op.outH))
	if op.orient != 1 {
		img = facecrop.Orient(img, op.orient)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: op.quality}); err != nil {
		return nil, ossErr(http.StatusInternalServerError, "InternalError", "Encoding the picture failed.")
	}
	return buf.Bytes(), nil
}
