package assets

import (
	"testing"

	"go.uber.org/goleak"
)

func TestVocabularyParsesAndPassesItsChecks(t *testing.T) {
	v, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if len(v.People) < 40 || len(v.Places) < 10 || len(v.Scenes) < 10 {
		t.Fatalf("vocabulary too small: %d people, %d places, %d scenes", len(v.People), len(v.Places), len(v.Scenes))
	}
}

func TestVocabularyIsParsedOnceAndShared(t *testing.T) {
	first, second := Vocabulary(), Vocabulary()
	if first != second {
		t.Fatal("Vocabulary returned two different values")
	}
}

func TestLabelPathRunsFromLevelOneToTheLabel(t *testing.T) {
	p := Vocabulary().LabelPath("Chair")
	if len(p) != 3 || p[0].En != "Home" || p[1].En != "Furniture" || p[2].Zh != "椅子" {
		t.Fatalf("LabelPath(Chair) = %+v", p)
	}
	if Vocabulary().LabelPath("no such label") != nil {
		t.Fatal("unknown label has a path")
	}
}

func TestEveryLabelHasBothLanguagesAndAtMostThreeLevels(t *testing.T) {
	v := Vocabulary()
	levels := map[int]int{}
	for _, en := range v.LabelNames() {
		p := v.LabelPath(en)
		levels[len(p)]++
		if p[len(p)-1].Zh == "" {
			t.Errorf("%s has no zh-Hans name", en)
		}
	}
	for l := 1; l <= 3; l++ {
		if levels[l] == 0 {
			t.Errorf("no label at level %d", l)
		}
	}
}

func TestCheckRejectsSceneWithUnknownLabel(t *testing.T) {
	v, err := load()
	if err != nil {
		t.Fatal(err)
	}
	v.Scenes = append(v.Scenes, Scene{Labels: []string{"Unicorn"}})
	if err := v.check(); err == nil {
		t.Fatal("check accepted a scene naming an unknown label")
	}
}

func TestPlacesHaveAddressesInBothLanguages(t *testing.T) {
	for i, p := range Vocabulary().Places {
		if p.Zh.AddressLine == "" || p.En.AddressLine == "" || p.Zh.Country == "" || p.En.Country == "" {
			t.Errorf("places[%d] %s lacks an address line or country", i, p.Album)
		}
		if p.Latitude < -90 || p.Latitude > 90 || p.Longitude < -180 || p.Longitude > 180 {
			t.Errorf("places[%d] %s: lat/long %v,%v out of range", i, p.Album, p.Latitude, p.Longitude)
		}
	}
}

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
