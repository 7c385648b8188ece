package emulator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

func TestLimitedAccountIsRefusedOutsideItsProjectsAsRAMWould(t *testing.T) {
	r := startMany(t, nil)
	ctx := context.Background()
	c := clientAs(t, r, limitedKey, limitedSecret, nil)

	// Its own project answers.
	if _, err := c.GetDataset(ctx, imm.GetDatasetRequest{ProjectName: manyProject(1), DatasetName: "photos"}); err != nil {
		t.Fatalf("own project: %v", err)
	}
	// Another one is refused, whatever the action: the resource is the project.
	_, err := c.BatchGetFileMeta(ctx, imm.BatchGetFileMetaRequest{ProjectName: manyProject(2), DatasetName: "photos", URIs: []string{"oss://b/q/0.jpg"}})
	e := clientError(t, r, err, imm.KindForbidden, "Forbidden.RAM")
	if e.StatusCode != 403 || e.Cause != imm.CauseDenied || e.RequestId == "" || e.Retryable() {
		t.Errorf("got status %d cause %v rid %q retryable %v", e.StatusCode, e.Cause, e.RequestId, e.Retryable())
	}
	if !strings.HasPrefix(e.Message, "User not authorized to operate on the specified resource") {
		t.Errorf("message %q is not RAM's", e.Message)
	}
	wantARN := "acs:imm:" + testRegion + ":" + limitedAccount + ":project/" + manyProject(2)
	if e.AuthAction != "imm:BatchGetFileMeta" || e.AuthResource != wantARN {
		t.Errorf("action %q resource %q; want imm:BatchGetFileMeta on %s", e.AuthAction, e.AuthResource, wantARN)
	}
	if h := e.Hint(); !strings.Contains(h, "imm:BatchGetFileMeta") || !strings.Contains(h, wantARN) {
		t.Errorf("hint %q does not name the action and resource", h)
	}
	noSecrets(t, e)

	// RAM decides before the project is looked up: a project that does not
	// exist is refused too, not reported missing.
	_, err = c.GetProject(ctx, imm.GetProjectRequest{ProjectName: "no-such-project"})
	if e := clientError(t, r, err, imm.KindForbidden, "Forbidden.RAM"); e.AuthAction != "imm:GetProject" ||
		!strings.HasSuffix(e.AuthResource, ":project/no-such-project") {
		t.Errorf("got %q on %q", e.AuthAction, e.AuthResource)
	}
	// The full account sees the same project missing.
	full := clientAs(t, r, fullKey, fullSecret, nil)
	_, err = full.GetProject(ctx, imm.GetProjectRequest{ProjectName: "no-such-project"})
	if e := clientError(t, r, err, imm.KindNotFound, "ResourceNotFound"); e.Cause != imm.CauseProjectNotFound || e.Project != "no-such-project" {
		t.Errorf("cause %v project %q", e.Cause, e.Project)
	}
}

func TestListProjectsIsNotFilteredByTheAccountsProjects(t *testing.T) {
	r := startMany(t, nil)
	c := clientAs(t, r, limitedKey, limitedSecret, nil)
	page, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{MaxResults: 200})
	if err != nil || len(page.Projects) != 200 || page.NextToken == "" {
		t.Fatalf("got %d projects, token %q, %v; want the first 200 of all", len(page.Projects), page.NextToken, err)
	}
}

func TestDeniedActionsAndNoPermission(t *testing.T) {
	r := startMany(t, func(cfg *emulator.Config) {
		cfg.Accounts = append(cfg.Accounts, emulator.Account{AccessKeyId: "LTAI-role", AccessKeySecret: "role-secret-77aa",
			AccountId: fullAccount, DenyActions: []string{"imm:ListProjects"}, DenyCode: "NoPermission"})
	})
	c := clientAs(t, r, "LTAI-role", "role-secret-77aa", nil)
	ctx := context.Background()
	_, err := c.ListProjects(ctx, imm.ListProjectsRequest{})
	e := clientError(t, r, err, imm.KindForbidden, "NoPermission")
	if e.Cause != imm.CauseDenied || e.AuthAction != "imm:ListProjects" || e.AuthResource != "acs:imm:"+testRegion+":"+fullAccount+":project/*" {
		t.Errorf("cause %v action %q resource %q", e.Cause, e.AuthAction, e.AuthResource)
	}
	noSecrets(t, e, "role-secret-77aa")
	// Only ListProjects is denied: its projects (all, Projects left out) open.
	if _, err := c.GetProject(ctx, imm.GetProjectRequest{ProjectName: manyProject(7)}); err != nil {
		t.Errorf("GetProject: %v", err)
	}
}

func TestEachAccountSignsWithItsOwnSecret(t *testing.T) {
	r := startMany(t, nil)
	// The full account's ID with the limited account's secret.
	c := clientAs(t, r, fullKey, limitedSecret, func(cfg *client.Config) { cfg.MaxAttempts = 1 })
	_, err := c.GetProject(context.Background(), imm.GetProjectRequest{ProjectName: manyProject(1)})
	if e := clientError(t, r, err, imm.KindAuth, "SignatureDoesNotMatch"); e.Cause != imm.CauseBadSecret {
		t.Errorf("cause %v", e.Cause)
	}
	// The demo pair is not served when Accounts are given.
	d := clientAs(t, r, emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret, nil)
	_, err = d.GetProject(context.Background(), imm.GetProjectRequest{ProjectName: manyProject(1)})
	clientError(t, r, err, imm.KindAuth, "InvalidAccessKeyId.NotFound")
}

func TestParseAccountsReadsFilesAndInlineAccounts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "accounts.json")
	body := `[{"AccessKeyId":"LTAI-a","AccessKeySecret":"sa","AccountId":"1","Projects":"*"},
	          {"AccessKeyId":"LTAI-b","AccessKeySecret":"sb","Projects":["p1","p2"]},
	          {"AccessKeyId":"LTAI-c","AccessKeySecret":"sc"},
	          {"AccessKeyId":"LTAI-d","AccessKeySecret":"sd","Projects":[]}]`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	list, err := emulator.ParseAccounts(path)
	if err != nil || len(list) != 4 {
		t.Fatalf("%v %v", list, err)
	}
	if !list[0].Projects.IsAll() || list[0].AccountId != "1" {
		t.Errorf("a: %+v", list[0])
	}
	if list[1].Projects.IsAll() || strings.Join(list[1].Projects.Names, ",") != "p1,p2" {
		t.Errorf("b: %+v", list[1])
	}
	if !list[2].Projects.IsAll() {
		t.Errorf("c: Projects left out must mean all, got %+v", list[2].Projects)
	}
	if list[3].Projects.IsAll() || len(list[3].Projects.Names) != 0 {
		t.Errorf("d: [] must mean none, got %+v", list[3].Projects)
	}

	one, err := emulator.ParseAccounts("LTAI-x:sx:42:p1,p2")
	if err != nil || len(one) != 1 || one[0].AccessKeyId != "LTAI-x" || one[0].AccessKeySecret != "sx" || one[0].AccountId != "42" ||
		strings.Join(one[0].Projects.Names, ",") != "p1,p2" {
		t.Fatalf("inline: %+v %v", one, err)
	}
	all, err := emulator.ParseAccounts("LTAI-y:sy")
	if err != nil || !all[0].Projects.IsAll() {
		t.Fatalf("inline without projects: %+v %v", all, err)
	}
}

func TestParseAccountsErrorsNeverQuoteASecret(t *testing.T) {
	const secret = "VERY-SECRET-3d9e"
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]string{
		"syntax":        write("a.json", `[{"AccessKeyId":"k","AccessKeySecret":"`+secret+`",}]`),
		"type":          write("b.json", `[{"AccessKeyId":"k","AccessKeySecret":"`+secret+`","Projects":7}]`),
		"projects word": write("c.json", `[{"AccessKeyId":"k","AccessKeySecret":"`+secret+`","Projects":"`+secret+`"}]`),
		"unknown field": write("d.json", `[{"AccessKeyId":"k","AccessKeySecret":"`+secret+`","Secret":"x"}]`),
		"no id":         write("e.json", `[{"AccessKeySecret":"`+secret+`"}]`),
		"empty":         write("f.json", `[]`),
		"bad code":      write("g.json", `[{"AccessKeyId":"k","AccessKeySecret":"`+secret+`","DenyCode":"Nope"}]`),
		"inline":        "k::1",
		"missing file":  filepath.Join(dir, "none.json"),
	}
	for name, spec := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := emulator.ParseAccounts(spec)
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q quotes the secret", err)
			}
		})
	}
}

func TestNewRefusesAnAccessKeyListedTwice(t *testing.T) {
	_, err := emulator.New(emulator.Config{Data: manyData(), Accounts: []emulator.Account{
		{AccessKeyId: "k", AccessKeySecret: "s1"}, {AccessKeyId: "k", AccessKeySecret: "s2"}}})
	if err == nil || !strings.Contains(err.Error(), "listed twice") || strings.Contains(err.Error(), "s2") {
		t.Fatalf("got %v", err)
	}
	_, err = emulator.New(emulator.Config{Data: manyData(), AccessKeyID: "a", AccessKeySecret: "b", Accounts: twoAccounts()})
	if err == nil {
		t.Fatal("Accounts and AccessKeyID together were accepted")
	}
}
