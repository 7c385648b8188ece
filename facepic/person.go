// Package facepic draws the demo dataset's pictures: a scene per file and,
// at each face's Boundary, a synthetic face whose look (face shape, skin
// tone, hair, eyes) comes from the person's seed and whose age, glasses
// and beard come from the face's own attributes. Faces of one person look
// alike; a misclustered face, being someone else, visibly does not. The
// same file and seeds give the same pixels.
package facepic

import (
	"hash/fnv"
	"image/color"
	"math/rand/v2"

	"github.com/immtui/immtui/imm"
)

// SeedFunc says who a face really is, as a seed: faces with one seed are
// drawn as one person.
type SeedFunc func(f *imm.Figure) uint64

// ByCluster takes a clustered face to be its cluster's person, and a face
// whose cluster confidence is below low (the demo's misclustered faces, or
// a face in no cluster) to be a person of its own. The generator draws
// misclustered faces from someone else, and its low confidences are below
// the review threshold (review.Default), so this separates them.
func ByCluster(low float64) SeedFunc {
	return func(f *imm.Figure) uint64 {
		if f.FigureClusterId != "" && f.FigureClusterId != imm.ClusterIndependent &&
			f.FigureClusterId != imm.ClusterUnavailable && f.FigureClusterConfidence >= low {
			return Hash("cluster", f.FigureClusterId)
		}
		return Hash("figure", f.FigureId)
	}
}

// Hash is a stable 64-bit seed of strings.
func Hash(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// look is what a person's seed fixes.
type look struct {
	skin, hair, iris, shirt, lips color.RGBA
	faceW                         float64 // half-width of the face, in half-heights
	square                        int     // 2 = ellipse, 3 or 4 = squarer jaw
	eyeGap, eyeY, mouthW          float64
	hairline                      float64 // where the fringe ends (v, -1 top .. 1 chin)
	long, curly                   bool
}

var (
	skins  = []color.RGBA{{255, 224, 196, 255}, {241, 194, 160, 255}, {224, 172, 135, 255}, {198, 134, 94, 255}, {141, 85, 54, 255}, {94, 58, 38, 255}}
	hairs  = []color.RGBA{{20, 16, 14, 255}, {58, 38, 26, 255}, {106, 70, 40, 255}, {200, 160, 90, 255}, {150, 62, 30, 255}, {90, 40, 30, 255}}
	irises = []color.RGBA{{60, 40, 25, 255}, {40, 90, 140, 255}, {70, 110, 60, 255}, {30, 30, 30, 255}}
)

func lookOf(seed uint64) look {
	r := rand.New(rand.NewPCG(seed, 0x66616365))
	return look{
		skin:     skins[r.IntN(len(skins))],
		hair:     hairs[r.IntN(len(hairs))],
		iris:     irises[r.IntN(len(irises))],
		shirt:    color.RGBA{uint8(40 + r.IntN(200)), uint8(40 + r.IntN(200)), uint8(40 + r.IntN(200)), 255},
		lips:     color.RGBA{uint8(150 + r.IntN(60)), uint8(60 + r.IntN(40)), uint8(60 + r.IntN(40)), 255},
		faceW:    0.68 + r.Float64()*0.2,
		square:   2 + r.IntN(3),
		eyeGap:   0.28 + r.Float64()*0.12,
		eyeY:     -0.18 + r.Float64()*0.12,
		mouthW:   0.2 + r.Float64()*0.14,
		hairline: -0.62 + r.Float64()*0.3,
		long:     r.IntN(2) == 0,
		curly:    r.IntN(4) == 0,
	}
}
