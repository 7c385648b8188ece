package dataset

import (
	"math"
	"strings"

	"github.com/immtui/immtui/imm"
)

// key names a dataset, or a cluster within one.
type key struct{ project, dataset, id string }

// clusterStats is what the faces of one cluster add up to.
type clusterStats struct {
	faces, images, videos int64
	lastFile              int // index of the last file counted, to count files once
	ageMin, ageMax        int64
	ageSum                float64
	female, male          int64
	firstGender           string
	cover                 int // best cover candidate file, -1 for none
	coverScore            float64
	coverKind             string // the media type a cover should have: "image" mostly
}

// Complete computes the derived fields a dataset file may leave out, and
// that Generate leaves to it. It only fills what is missing (zero), so the
// values a real account reported are kept:
//   - clusters and files of the only dataset that name none get its
//     ProjectName/DatasetName (those that name another keep it: they
//     still belong to the only dataset);
//   - files: ObjectType, Filename, FigureCount, OCRTexts;
//   - clusters: ObjectType, FaceCount, ImageCount, VideoCount, Min/Max/
//     AverageAge and Gender (the majority) from the faces carrying the
//     cluster's ID; Cover (the indexed image — a video for every fifth
//     cluster — with the best face of the
//     cluster), or a Cover that names only a URI filled from that file;
//   - datasets: FileCount, TotalFileSize; projects: DatasetCount, FileCount,
//     TotalFileSize, and a project for every dataset that names a missing one.
//
// A cover Complete sets points at its file in d.Files (no copy: 100,000
// covers would cost 130 MB), so it always shows what the file holds. Set a
// new *File to change a cover. Appending to d.Files may move it and leave
// covers pointing at the old array: set them again after growing Files.
func (d *Dataset) Complete() {
	if len(d.Datasets) == 1 {
		ds := &d.Datasets[0]
		for i := range d.FigureClusters {
			c := &d.FigureClusters[i]
			c.ProjectName, c.DatasetName = fill(c.ProjectName, ds.ProjectName), fill(c.DatasetName, ds.DatasetName)
		}
		for i := range d.Files {
			f := &d.Files[i]
			f.ProjectName, f.DatasetName = fill(f.ProjectName, ds.ProjectName), fill(f.DatasetName, ds.DatasetName)
		}
	}
	d.completeFiles()
	d.completeClusters()
	d.completeTotals()
}

func fill(have, want string) string {
	if have == "" {
		return want
	}
	return have
}

func (d *Dataset) completeFiles() {
	for i := range d.Files {
		f := &d.Files[i]
		f.ObjectType = fill(f.ObjectType, "file")
		if f.Filename == "" && f.URI != "" {
			f.Filename = f.URI[strings.LastIndexByte(f.URI, '/')+1:]
		}
		if f.FigureCount == 0 {
			f.FigureCount = int64(len(f.Figures))
		}
		if f.OCRTexts == "" && len(f.OCRContents) > 0 {
			parts := make([]string, 0, len(f.OCRContents))
			for _, o := range f.OCRContents {
				parts = append(parts, o.Contents)
			}
			f.OCRTexts = strings.Join(parts, "\n")
		}
	}
}

func (d *Dataset) completeClusters() {
	stats := make(map[key]*clusterStats, len(d.FigureClusters))
	all := make([]clusterStats, len(d.FigureClusters))
	for i := range d.FigureClusters {
		c := &d.FigureClusters[i]
		all[i] = clusterStats{lastFile: -1, cover: -1, ageMin: math.MaxInt64, ageMax: math.MinInt64, coverKind: "image"}
		// Every fifth cluster prefers a video frame as its cover, so the
		// demo's cluster -> cover path reaches the Streams pane too (a
		// cluster without a video face still gets a photo).
		if i%5 == 2 {
			all[i].coverKind = "video"
		}
		ds := d.ownerKey(c.ProjectName, c.DatasetName)
		stats[key{ds.project, ds.dataset, c.ObjectId}] = &all[i]
	}
	for fi := range d.Files {
		f := &d.Files[fi]
		ds := d.ownerKey(f.ProjectName, f.DatasetName)
		for _, fg := range f.Figures {
			s := stats[key{ds.project, ds.dataset, fg.FigureClusterId}]
			if s == nil {
				continue
			}
			s.faces++
			if s.lastFile != fi {
				s.lastFile = fi
				switch f.MediaType {
				case "image":
					s.images++
				case "video":
					s.videos++
				}
			}
			s.ageMin, s.ageMax = min(s.ageMin, fg.Age), max(s.ageMax, fg.Age)
			s.ageSum += float64(fg.Age)
			switch fg.Gender {
			case "female":
				s.female++
			case "male":
				s.male++
			}
			if s.firstGender == "" {
				s.firstGender = fg.Gender
			}
			// The cover is the clearest, surest face, on the preferred kind
			// of file (a photo, mostly) if there is one.
			score := fg.FigureClusterConfidence * max(fg.FaceQuality, 0.01)
			if f.MediaType == s.coverKind {
				score += 1
			}
			if f.ObjectStatus != "" && f.ObjectStatus != "Indexed" {
				score -= 2
			}
			if s.cover < 0 || score > s.coverScore {
				s.cover, s.coverScore = fi, score
			}
		}
	}
	byURI := map[key]int{}
	for i := range d.FigureClusters {
		c := &d.FigureClusters[i]
		s := &all[i]
		c.ObjectType = fill(c.ObjectType, "figure-cluster")
		if s.faces == 0 {
			continue
		}
		if c.FaceCount == 0 {
			c.FaceCount = s.faces
		}
		if c.ImageCount == 0 {
			c.ImageCount = s.images
		}
		if c.VideoCount == 0 {
			c.VideoCount = s.videos
		}
		if c.MinAge == 0 && c.MaxAge == 0 && c.AverageAge == 0 {
			c.MinAge, c.MaxAge = float64(s.ageMin), float64(s.ageMax)
			c.AverageAge = float64(math.Round(s.ageSum/float64(s.faces)*10) / 10)
		}
		if c.Gender == "" {
			switch {
			case s.female > s.male:
				c.Gender = "female"
			case s.male > s.female:
				c.Gender = "male"
			default:
				c.Gender = s.firstGender
			}
		}
		switch {
		case c.Cover == nil:
			c.Cover = &d.Files[s.cover]
		case thinCover(c.Cover):
			if len(byURI) == 0 {
				for fi := range d.Files {
					f := &d.Files[fi]
					ds := d.ownerKey(f.ProjectName, f.DatasetName)
					byURI[key{ds.project, ds.dataset, f.URI}] = fi
				}
			}
			ds := d.ownerKey(c.ProjectName, c.DatasetName)
			if fi, ok := byURI[key{ds.project, ds.dataset, c.Cover.URI}]; ok {
				c.Cover = &d.Files[fi]
			}
		}
	}
}

// thinCover is a Cover that names a file but carries none of its fields.
func thinCover(f *imm.File) bool {
	return f.URI != "" && f.ObjectId == "" && len(f.Figures) == 0 && f.Size == 0 && f.MediaType == ""
}

func (d *Dataset) completeTotals() {
	type totals struct{ files, size int64 }
	perDataset := make(map[key]*totals, len(d.Datasets))
	for i := range d.Datasets {
		ds := &d.Datasets[i]
		perDataset[key{ds.ProjectName, ds.DatasetName, ""}] = &totals{}
	}
	for i := range d.Files {
		f := &d.Files[i]
		if t := perDataset[d.ownerKey(f.ProjectName, f.DatasetName)]; t != nil {
			t.files++
			t.size += f.Size
		}
	}
	perProject := map[string]*totals{}
	datasets := map[string]int64{}
	var order []string
	for i := range d.Datasets {
		ds := &d.Datasets[i]
		t := perDataset[key{ds.ProjectName, ds.DatasetName, ""}]
		if ds.FileCount == 0 {
			ds.FileCount = t.files
		}
		if ds.TotalFileSize == 0 {
			ds.TotalFileSize = t.size
		}
		p := perProject[ds.ProjectName]
		if p == nil {
			p = &totals{}
			perProject[ds.ProjectName] = p
			order = append(order, ds.ProjectName)
		}
		p.files += ds.FileCount
		p.size += ds.TotalFileSize
		datasets[ds.ProjectName]++
	}
	have := map[string]bool{}
	for i := range d.Projects {
		have[d.Projects[i].ProjectName] = true
	}
	for _, name := range order {
		if !have[name] {
			d.Projects = append(d.Projects, imm.Project{ProjectName: name})
		}
	}
	for i := range d.Projects {
		p := &d.Projects[i]
		t := perProject[p.ProjectName]
		if t == nil {
			continue
		}
		if p.DatasetCount == 0 {
			p.DatasetCount = datasets[p.ProjectName]
		}
		if p.FileCount == 0 {
			p.FileCount = t.files
		}
		if p.TotalFileSize == 0 {
			p.TotalFileSize = t.size
		}
	}
}
