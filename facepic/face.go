package facepic

import (
	"image/color"
	"math"
)

var (
	white    = color.RGBA{245, 245, 240, 255}
	dark     = color.RGBA{25, 20, 20, 255}
	grey     = color.RGBA{190, 190, 190, 255}
	frame    = color.RGBA{30, 30, 35, 255}
	sunglass = color.RGBA{20, 25, 35, 255}
)

// at is the face's colour at displayed point (x, y), in face coordinates
// u (left -1 .. right 1) and v (top -1 .. chin 1) of the Boundary.
func (f *face) at(x, y float64) (color.RGBA, bool) {
	u, v := (x-f.cx)/f.hw, (y-f.cy)/f.hh
	if u < -2.2 || u > 2.2 || v < -1.6 || v > 3 {
		return color.RGBA{}, false
	}
	child := f.age > 0 && f.age < 13
	hair := f.hair
	if f.age > 45 { // greying from 45, white by 80
		hair = mix(hair, grey, (f.age-45)/35)
	}
	fw := f.faceW
	if child {
		fw = math.Min(0.95, fw+0.1)
	}
	// Body: shoulders under the chin.
	if v > 1.0 && ellipse(u/1.9, (v-2.4)/1.5) < 1 {
		return f.shirt, true
	}
	// Neck.
	if v > 0.7 && v < 1.4 && math.Abs(u) < fw*0.45 {
		return mix(f.skin, dark, 0.12), true
	}
	shift := f.yaw * 0.25 // features move with the head's turn
	head := superellipse(u/fw, v, f.square)
	hairOut := ellipse(u/(fw*1.12), (v+0.08)/1.08)
	// Long hair falls behind the head down to the shoulders.
	if f.long && !child && head >= 1 && v > -0.2 && v < 1.1 && math.Abs(u) < fw*1.2 {
		return hair, true
	}
	if head >= 1 {
		if hairOut < 1 && v < 0.1 && !f.bald() {
			return f.hairTexture(hair, u, v), true
		}
		return color.RGBA{}, false
	}
	// Inside the face from here.
	line := f.hairline
	if f.curly {
		line += 0.06 * math.Sin(u*18)
	}
	if v < line && !f.bald() {
		return f.hairTexture(hair, u, v), true
	}
	eu := u - shift
	eyeR := 0.12
	if child {
		eyeR = 0.15
	}
	for _, side := range [2]float64{-1, 1} {
		ex, ey := side*f.eyeGap, f.eyeY
		du, dv := eu-ex, v-ey
		// Glasses: a ring round each eye and a bridge.
		if f.glasses == "glasses" || f.glasses == "sunglasses" {
			d := math.Hypot(du/1.2, dv)
			if f.glasses == "sunglasses" && d < 0.2 {
				return sunglass, true
			}
			if d > 0.19 && d < 0.235 {
				return frame, true
			}
		}
		// Eyebrows.
		if math.Abs(du) < 0.16 && dv > -0.2 && dv < -0.15 {
			return mix(hair, dark, 0.3), true
		}
		if ellipse(du/eyeR, dv/(eyeR*0.6)) < 1 {
			if math.Hypot(du, dv) < eyeR*0.5 {
				return f.iris, true
			}
			return white, true
		}
	}
	if (f.glasses == "glasses" || f.glasses == "sunglasses") && math.Abs(v-f.eyeY) < 0.02 && math.Abs(eu) < f.eyeGap-0.19 {
		return frame, true
	}
	// Nose: a shade, and nostrils.
	if math.Abs(eu) < 0.06 && v > f.eyeY+0.1 && v < 0.3 {
		return mix(f.skin, dark, 0.18), true
	}
	if v > 0.27 && v < 0.32 && math.Abs(math.Abs(eu)-0.07) < 0.025 {
		return mix(f.skin, dark, 0.45), true
	}
	// Beard: the lower face, leaving the mouth.
	mouth := ellipse(eu/f.mouthW, (v-0.52)/0.065)
	if f.beard != "" && f.beard != "none" && v > 0.36 && mouth >= 1.4 {
		return mix(hair, dark, 0.2), true
	}
	if mouth < 1 {
		return f.lips, true
	}
	// Wrinkles from 55: lines on the forehead and beside the mouth.
	if f.age >= 55 {
		for _, wl := range [2]float64{line + 0.12, line + 0.22} {
			if math.Abs(v-wl) < 0.012 && math.Abs(u) < 0.4 {
				return mix(f.skin, dark, 0.3), true
			}
		}
		if math.Abs(math.Abs(eu)-f.mouthW-0.06) < 0.015 && v > 0.35 && v < 0.6 {
			return mix(f.skin, dark, 0.3), true
		}
	}
	// Cheeks: a little shade towards the sides, so the face reads round.
	return mix(f.skin, dark, 0.15*u*u), true
}

// bald: some older men lose the top of their hair (decided by the look,
// so one person is bald or not throughout).
func (f *face) bald() bool { return f.age > 55 && !f.long && f.hairline < -0.55 }

func (f *face) hairTexture(c color.RGBA, u, v float64) color.RGBA {
	if f.curly && math.Sin(u*25)*math.Sin(v*25) > 0.5 {
		return mix(c, dark, 0.25)
	}
	return c
}

func ellipse(a, b float64) float64 { return a*a + b*b }

// superellipse is |a|^n + |b|^n for n of 2 to 4, by multiplication:
// math.Pow was most of the cost of drawing a face.
func superellipse(a, b float64, n int) float64 {
	a, b = math.Abs(a), math.Abs(b)
	pa, pb := a*a, b*b
	for i := 2; i < n; i++ {
		pa, pb = pa*a, pb*b
	}
	return pa + pb
}
