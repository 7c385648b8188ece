package assets

import (
	"errors"
	"fmt"
)

// LabelPath returns the chain of labels from level 1 down to the label
// whose en name is en, or nil if the taxonomy has no such label.
func (v *Vocab) LabelPath(en string) []LabelNode {
	return v.labelPaths[en]
}

// LabelNames lists the en names of every label in the taxonomy, depth
// first, in file order (stable, so generation stays deterministic).
func (v *Vocab) LabelNames() []string { return v.labelOrder }

// index builds the label lookup tables.
func (v *Vocab) index() error {
	v.labelPaths = map[string][]LabelNode{}
	var walk func(path []LabelNode, nodes []LabelNode) error
	walk = func(path []LabelNode, nodes []LabelNode) error {
		for _, n := range nodes {
			if n.Zh == "" || n.En == "" {
				return fmt.Errorf("label %q/%q under %v lacks a name in one language", n.Zh, n.En, names(path))
			}
			if _, dup := v.labelPaths[n.En]; dup {
				return fmt.Errorf("label %q appears twice", n.En)
			}
			p := append(append([]LabelNode(nil), path...), n)
			if len(p) > 3 {
				return fmt.Errorf("label %q is at level %d; IMM has levels 1 to 3", n.En, len(p))
			}
			v.labelPaths[n.En] = p
			v.labelOrder = append(v.labelOrder, n.En)
			if err := walk(p, n.Children); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(nil, v.Labels)
}

func names(path []LabelNode) []string {
	out := make([]string, len(path))
	for i, n := range path {
		out[i] = n.En
	}
	return out
}

// check rejects a vocabulary the generator cannot use: empty lists it draws
// from, scenes naming unknown labels, places missing a language.
func (v *Vocab) check() error {
	if err := v.index(); err != nil {
		return err
	}
	var errs []error
	need := func(what string, n int) {
		if n == 0 {
			errs = append(errs, fmt.Errorf("assets: %s is empty", what))
		}
	}
	need("people", len(v.People))
	need("surnames", len(v.Surnames))
	need("givenFemale", len(v.GivenFemale))
	need("givenMale", len(v.GivenMale))
	need("englishFemale", len(v.EnglishFemale))
	need("englishMale", len(v.EnglishMale))
	need("englishSurnames", len(v.EnglishSurname))
	need("clusterLabels", len(v.ClusterLabels))
	need("fileLabels", len(v.FileLabels))
	need("labels", len(v.Labels))
	need("places", len(v.Places))
	need("scenes", len(v.Scenes))
	need("signs", len(v.Signs))
	need("documents", len(v.Documents))
	need("subtitles zh-Hans", len(v.Subtitles["zh-Hans"]))
	need("subtitles en", len(v.Subtitles["en"]))
	need("failures", len(v.Failures))
	need("cameras", len(v.Cameras))
	need("videoCodecs", len(v.VideoCodecs))
	need("audioCodecs", len(v.AudioCodecs))
	need("resolutions", len(v.Resolutions))
	need("frameRates", len(v.FrameRates))
	need("music", len(v.Music))
	need("others", len(v.Others))
	need("buckets", len(v.Buckets))
	need("storageClasses", len(v.StorageClasses))
	for name, w := range map[string][]Weighted{"emotion": v.Faces.Emotion, "glasses": v.Faces.Glasses,
		"mouth": v.Faces.Mouth, "beard": v.Faces.Beard, "hat": v.Faces.Hat, "mask": v.Faces.Mask} {
		total := 0
		for _, x := range w {
			if x.Weight <= 0 || x.Value == "" {
				errs = append(errs, fmt.Errorf("assets: faces %s: %q needs a value and a positive weight", name, x.Value))
			}
			total += x.Weight
		}
		if total == 0 {
			errs = append(errs, fmt.Errorf("assets: faces %s is empty", name))
		}
	}
	for i, p := range v.People {
		if p.Age != "" && p.Age != "child" && p.Age != "adult" && p.Age != "senior" {
			errs = append(errs, fmt.Errorf("assets: people[%d] %q: age %q is not child, adult or senior", i, p.Name, p.Age))
		}
		if p.Gender != "female" && p.Gender != "male" {
			errs = append(errs, fmt.Errorf("assets: people[%d] %q: gender %q is not female or male", i, p.Name, p.Gender))
		}
	}
	for i, s := range v.Scenes {
		if len(s.Labels) == 0 {
			errs = append(errs, fmt.Errorf("assets: scenes[%d] has no labels", i))
		}
		for _, l := range s.Labels {
			if v.labelPaths[l] == nil {
				errs = append(errs, fmt.Errorf("assets: scenes[%d] names label %q, which labels.json lacks", i, l))
			}
		}
	}
	for i, p := range v.Places {
		if p.Zh.Language != "zh-Hans" || p.En.Language != "en" || p.Zh.City == "" || p.En.City == "" || p.Timezone == "" {
			errs = append(errs, fmt.Errorf("assets: places[%d] %q needs zh-Hans and en addresses and a timezone", i, p.Album))
		}
	}
	for i, a := range v.Music {
		if len(a.Tracks) == 0 {
			errs = append(errs, fmt.Errorf("assets: music[%d] %q has no tracks", i, a.Album))
		}
	}
	for i, c := range v.VideoCodecs {
		if len(c.Profiles) == 0 || len(c.Levels) == 0 {
			errs = append(errs, fmt.Errorf("assets: videoCodecs[%d] %q needs profiles and levels", i, c.Name))
		}
	}
	return errors.Join(errs...)
}
