package emulator

import "github.com/immtui/immtui/dataset"

func sourceOf(d *dataset.Dataset) source {
	return source{Projects: d.Projects, Datasets: d.Datasets, FigureClusters: d.FigureClusters, Files: d.Files}
}
