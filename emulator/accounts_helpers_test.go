package emulator_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// Two accounts over many projects: "full" may read every project,
// "limited" only proj-001. Their secrets must never reach an error.
const (
	fullKey, fullSecret       = "LTAI-full", "full-secret-5f2a71"
	limitedKey, limitedSecret = "LTAI-limited", "limited-secret-9c1b08"
	fullAccount               = "1111222233334444"
	limitedAccount            = "5555666677778888"
	manyProjects              = 300
	manyDatasets              = 250 // all in proj-000
	statsFiles                = 7   // in proj-001/photos
	testRegion                = "cn-hangzhou"
)

func manyProject(i int) string { return fmt.Sprintf("proj-%03d", i) }
func manyDataset(i int) string { return fmt.Sprintf("ds-%03d", i) }

// manyData is 300 projects; proj-000 holds 250 empty datasets, proj-001
// one dataset "photos" of statsFiles files, proj-002 a dataset "photos"
// too. Projects are listed out of order, so sorting is the emulator's.
func manyData() *dataset.Dataset {
	d := &dataset.Dataset{}
	for i := manyProjects - 1; i >= 0; i-- {
		d.Projects = append(d.Projects, imm.Project{ProjectName: manyProject(i)})
	}
	for i := manyDatasets - 1; i >= 0; i-- {
		d.Datasets = append(d.Datasets, imm.Dataset{ProjectName: manyProject(0), DatasetName: manyDataset(i)})
	}
	d.Datasets = append(d.Datasets,
		imm.Dataset{ProjectName: manyProject(1), DatasetName: "photos", TemplateId: "Official:ImageManagement"},
		imm.Dataset{ProjectName: manyProject(2), DatasetName: "photos"})
	for i := range statsFiles {
		d.Files = append(d.Files, imm.File{ProjectName: manyProject(1), DatasetName: "photos",
			URI: fmt.Sprintf("oss://b/p/%d.jpg", i), Size: int64(1000 + i), MediaType: "image"})
	}
	d.Files = append(d.Files, imm.File{ProjectName: manyProject(2), DatasetName: "photos", URI: "oss://b/q/0.jpg", Size: 5})
	return d
}

func twoAccounts() []emulator.Account {
	return []emulator.Account{
		{AccessKeyId: fullKey, AccessKeySecret: fullSecret, AccountId: fullAccount, Projects: emulator.AllProjects},
		{AccessKeyId: limitedKey, AccessKeySecret: limitedSecret, AccountId: limitedAccount,
			Projects: emulator.Projects{Names: []string{manyProject(1)}}},
	}
}

// startMany serves manyData to the two accounts (cfg may add to that).
func startMany(t *testing.T, tweak func(*emulator.Config)) *emulator.Running {
	t.Helper()
	cfg := emulator.Config{Data: manyData(), Accounts: twoAccounts()}
	if tweak != nil {
		tweak(&cfg)
	}
	return startTest(t, cfg)
}

// clientAs is a client of r signing with key and secret, in testRegion,
// with quick retries.
func clientAs(t *testing.T, r *emulator.Running, key, secret string, tweak func(*client.Config)) *client.Client {
	t.Helper()
	return newClient(t, r, func(cfg *client.Config) {
		cfg.AccessKeyID, cfg.AccessKeySecret, cfg.RegionID = key, secret, testRegion
		if tweak != nil {
			tweak(cfg)
		}
	})
}

// noSecrets fails when any of the account secrets is in the error's
// text, its hint or any of its fields a screen shows.
func noSecrets(t *testing.T, e *imm.Error, extra ...string) {
	t.Helper()
	texts := []string{e.Error(), e.Hint(), e.Message, e.Code, e.AuthAction, e.AuthResource, e.Host, e.Project, e.Dataset, e.NotFound}
	for _, s := range texts {
		for _, secret := range append([]string{fullSecret, limitedSecret, emulator.DemoAccessKeySecret}, extra...) {
			if strings.Contains(s, secret) {
				t.Errorf("a secret is in %q", s)
			}
		}
	}
}

// shifted is a clock d away from the real one.
func shifted(d time.Duration) func() time.Time { return func() time.Time { return time.Now().Add(d) } }
