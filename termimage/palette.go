package termimage

import "image/color"

// cubeLevels are the channel values of the xterm 6x6x6 colour cube
// (indices 16..231).
var cubeLevels = [6]int{0, 95, 135, 175, 215, 255}

// Nearest256 is the xterm-256 palette index closest to c: the nearest
// colour of the cube or of the grey ramp (232..255). The 16 system
// colours are skipped: themes redefine them.
func Nearest256(c color.RGBA) uint8 {
	r, g, b := int(c.R), int(c.G), int(c.B)
	ri, gi, bi := cubeIndex(r), cubeIndex(g), cubeIndex(b)
	cube := 16 + 36*ri + 6*gi + bi
	cd := dist(r, g, b, cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])

	// Grey ramp: 8, 18, ..., 238.
	avg := (r + g + b) / 3
	gi2 := 0
	if avg > 8 {
		gi2 = min((avg-8+5)/10, 23)
	}
	gv := 8 + 10*gi2
	if gd := dist(r, g, b, gv, gv, gv); gd < cd {
		return uint8(232 + gi2)
	}
	return uint8(cube)
}

func cubeIndex(v int) int {
	best, bd := 0, 1<<30
	for i, l := range cubeLevels {
		if d := (v - l) * (v - l); d < bd {
			best, bd = i, d
		}
	}
	return best
}

func dist(r1, g1, b1, r2, g2, b2 int) int {
	dr, dg, db := r1-r2, g1-g2, b1-b2
	return dr*dr + dg*dg + db*db
}
