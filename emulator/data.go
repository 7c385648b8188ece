package emulator

import "github.com/immtui/immtui/client"

// Data is what an emulator serves. TEMPORARY: it becomes an alias of
// dataset.Dataset once dataset/ lands.
type Data struct {
	Projects       []client.Project
	Datasets       []client.Dataset
	FigureClusters []client.FigureCluster
	Files          []client.File
}

func sourceOf(d *Data) source {
	return source{Projects: d.Projects, Datasets: d.Datasets, FigureClusters: d.FigureClusters, Files: d.Files}
}
