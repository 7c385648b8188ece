package dataset

import (
	"math"
	"strconv"
	"time"

	"github.com/immtui/immtui/assets"
	"github.com/immtui/immtui/imm"
)

// gen is one generation run. Everything random comes from r, drawn in a
// fixed order; no map is iterated, so a seed fixes the output byte for byte.
type gen struct {
	r          rng
	v          *assets.Vocab
	o          Options
	owner      string
	people     []person
	weights    []float64 // cumulative face weight per cluster, for sampling
	clusterIDs []string  // ObjectId per cluster index

	labelCache   [][3][]imm.Label // per scene (+1 for documents) and lang: shared label slices
	insightCache [][4]*imm.Insights
	buf          []byte              // scratch for EXIF
	uris         map[string]struct{} // every URI made so far
	dups         map[string]int      // last " (n)" suffix used per duplicated URI
	places       []placeData
	serial       int // photo counter, as cameras number their files
	truth        *Truth
}

// person is who a cluster really is: the faces of the cluster are drawn
// from it, and a misclustered face from another person.
type person struct {
	birth   time.Time
	gender  string
	glasses string // usual Glasses value
	beard   bool
}

// placeData holds one place's addresses in the API model, built once and
// shared by every file taken there (read-only).
type placeData struct {
	p         *assets.Place
	addresses []imm.Address
	latLong   string
}

// Generate builds a demo dataset. The same Options give a byte-identical
// dataset; it is Complete and passes Validate.
func Generate(o Options) *Dataset {
	d, _ := generate(o)
	return d
}

func generate(o Options) (*Dataset, *gen) {
	o = o.withDefaults()
	g := &gen{
		r:    newRNG(o.Seed),
		v:    assets.Vocabulary(),
		o:    o,
		uris: make(map[string]struct{}, o.Files),
		dups: map[string]int{},
		truth: &Truth{
			MisclusteredFaces: map[string]string{},
			UnclusteredFaces:  map[string][]string{},
		},
	}
	g.owner = strconv.FormatInt(1_000_000_000_000_000+g.r.Int64N(9_000_000_000_000_000), 10)
	g.buildPlaces()
	d := &Dataset{
		Projects: []imm.Project{g.project()},
		Datasets: []imm.Dataset{g.dataset()},
	}
	d.FigureClusters = g.clusters()
	d.Files = g.files()
	g.reviewCases(d.Files, d.FigureClusters)
	d.Complete()
	return d, g
}

func (g *gen) buildPlaces() {
	for i := range g.v.Places {
		p := &g.v.Places[i]
		g.places = append(g.places, placeData{
			p: p,
			addresses: []imm.Address{
				modelAddress(p.Zh), modelAddress(p.En),
			},
			latLong: strconv.FormatFloat(p.Latitude, 'f', 6, 64) + "," + strconv.FormatFloat(p.Longitude, 'f', 6, 64),
		})
	}
}

func modelAddress(a assets.Address) imm.Address {
	return imm.Address{
		AddressLine: a.AddressLine, Country: a.Country, Province: a.Province, City: a.City,
		District: a.District, Township: a.Township, Language: a.Language,
	}
}

func (g *gen) project() imm.Project {
	created := g.o.Now.AddDate(-3, -2, -11).Add(37*time.Minute + 13*time.Second + 11643661)
	return imm.Project{
		ProjectName:             g.o.Project,
		Description:             "immtui 演示项目 / immtui demo project",
		ServiceRole:             "AliyunIMMDefaultRole",
		TemplateId:              "Official:AllFunction",
		CreateTime:              stamp(created),
		UpdateTime:              stamp(created.Add(41 * 24 * time.Hour)),
		ProjectMaxDatasetCount:  1000000000,
		ProjectQueriesPerSecond: 100,
		EngineConcurrency:       100,
		DatasetMaxBindCount:     10,
		DatasetMaxFileCount:     100000000,
		DatasetMaxEntityCount:   10000000000,
		DatasetMaxRelationCount: 100000000000,
		DatasetMaxTotalFileSize: 90000000000000000,
		Tags:                    []imm.ProjectTag{{TagKey: "env", TagValue: "demo"}, {TagKey: "owner", TagValue: "immtui"}},
	}
}

func (g *gen) dataset() imm.Dataset {
	created := g.o.Now.AddDate(-3, -2, -10).Add(2*time.Hour + 500000000)
	return imm.Dataset{
		ProjectName:             g.o.Project,
		DatasetName:             g.o.Dataset,
		Description:             "家庭相册 / family photo library",
		TemplateId:              "Official:AllFunction",
		CreateTime:              stamp(created),
		UpdateTime:              stamp(g.o.Now.Add(-36 * time.Hour)),
		BindCount:               1,
		DatasetMaxBindCount:     10,
		DatasetMaxFileCount:     100000000,
		DatasetMaxEntityCount:   10000000000,
		DatasetMaxRelationCount: 100000000000,
		DatasetMaxTotalFileSize: 90000000000000000,
	}
}

// clusters makes the clusters and the person behind each. Derived fields
// (counts, ages, gender, cover) are left to Complete.
func (g *gen) clusters() []imm.FigureCluster {
	n := g.o.Clusters
	out := make([]imm.FigureCluster, n)
	g.people = make([]person, n)
	g.clusterIDs = make([]string, n)
	g.weights = make([]float64, n)
	named := g.r.Perm(len(g.v.People)) // the vocabulary's people, in a seed-dependent order
	total := 0.0
	for i := range out {
		c := &out[i]
		p := &g.people[i]
		c.ObjectId = "Cluster-" + g.r.uuid()
		g.clusterIDs[i] = c.ObjectId
		c.ObjectType = "figure-cluster"
		c.OwnerId = g.owner
		c.ProjectName, c.DatasetName = g.o.Project, g.o.Dataset
		p.gender = "female"
		if g.r.chance(0.5) {
			p.gender = "male"
		}
		ageGroup := ""
		switch {
		case g.r.chance(0.12): // IMM names no cluster; people name some
		case i < len(named):
			who := g.v.People[named[i]]
			c.Name, p.gender, ageGroup = who.Name, who.Gender, who.Age
		default:
			c.Name = g.inventName(p.gender)
		}
		// Ages: children, adults and grandparents, as in a family library.
		x := g.r.Float64()
		switch ageGroup {
		case "child":
			x = 0
		case "adult":
			x = 0.5
		case "senior":
			x = 0.9
		}
		var age float64
		switch {
		case x < 0.2:
			age = g.r.between(1, 13)
		case x < 0.78:
			age = g.r.between(22, 52)
		default:
			age = g.r.between(58, 86)
		}
		p.birth = g.o.Now.Add(-time.Duration(age * 365.25 * 24 * float64(time.Hour)))
		p.glasses = "none"
		if g.r.chance(0.25) {
			p.glasses = "glasses"
		}
		p.beard = p.gender == "male" && age > 20 && g.r.chance(0.3)
		if g.r.chance(0.15) {
			c.CustomLabels = g.customLabels(g.v.ClusterLabels)
		}
		if g.r.chance(0.1) {
			c.CustomId = "member-" + strconv.Itoa(1000+i)
		}
		created := g.r.timeBefore(g.o.Now.Add(-24*time.Hour), 700*24*time.Hour)
		c.CreateTime = stamp(created)
		c.MetaLockVersion = int64(g.r.IntN(4))
		updated := created
		if c.MetaLockVersion > 0 || g.r.chance(0.5) {
			updated = created.Add(time.Duration(g.r.Int64N(int64(g.o.Now.Sub(created)))))
		}
		c.UpdateTime = stamp(updated)
		keepZero(&c.Extras, "MetaLockVersion", c.MetaLockVersion) // IMM sends 0 for a cluster never edited
		// A few people fill most of a library: a Zipf-like weight by rank.
		total += 1 / math.Pow(float64(i+1), 0.9)
		g.weights[i] = total
	}
	return out
}

func (g *gen) inventName(gender string) string {
	if g.r.chance(0.6) {
		given := g.v.GivenFemale
		if gender == "male" {
			given = g.v.GivenMale
		}
		return pick(g.r, g.v.Surnames) + pick(g.r, given)
	}
	first := g.v.EnglishFemale
	if gender == "male" {
		first = g.v.EnglishMale
	}
	return pick(g.r, first) + " " + pick(g.r, g.v.EnglishSurname)
}

// customLabels draws one or two keys from the vocabulary, in its order.
func (g *gen) customLabels(from []assets.CustomLabel) map[string]any {
	m := map[string]any{}
	first := g.r.IntN(len(from))
	for k := 0; k < 1+g.r.IntN(2); k++ {
		l := from[(first+k)%len(from)]
		m[l.Key] = pick(g.r, l.Values)
	}
	return m
}

// sampleCluster draws a cluster by face weight (binary search on the
// cumulative weights: O(log n) at 100k clusters).
func (g *gen) sampleCluster() int {
	x := g.r.Float64() * g.weights[len(g.weights)-1]
	lo, hi := 0, len(g.weights)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if g.weights[mid] <= x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
