// Command go-tlog is the Go side of tests/interop/go-tlog.test.ts: it answers questions about a
// Merkle log using golang.org/x/mod/sumdb/tlog, an implementation of RFC 6962/9162 trees that
// shares no code with Plenum's, so that the TypeScript test can compare the two byte for byte.
//
// It reads one JSON request on stdin and writes one JSON response on stdout. Hashes and leaf
// data are standard base64. The log is built here from the leaf *data* with tlog's own record
// hashing and stored-hash bookkeeping, so every hash it reports was computed by Go alone.
//
// Build offline in GOPATH mode (see the test): GO111MODULE=off GOPATH=/usr/share/gocode go run main.go
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/tlog"
)

type nodeRef struct {
	Level int   `json:"level"`
	N     int64 `json:"n"`
}

type recordQuery struct {
	Index int64 `json:"index"`
	Size  int64 `json:"size"`
}

type treeQuery struct {
	Size1 int64 `json:"size1"`
	Size2 int64 `json:"size2"`
}

type recordCheck struct {
	Index    int64    `json:"index"`
	Size     int64    `json:"size"`
	Root     string   `json:"root"`
	LeafHash string   `json:"leafHash"`
	Proof    []string `json:"proof"`
}

type treeCheck struct {
	Size1 int64    `json:"size1"`
	Size2 int64    `json:"size2"`
	Root1 string   `json:"root1"`
	Root2 string   `json:"root2"`
	Proof []string `json:"proof"`
}

type request struct {
	Leaves            []string      `json:"leaves"`
	TreeSizes         []int64       `json:"treeSizes"`
	StoredHashIndexes []nodeRef     `json:"storedHashIndexes"`
	StoredHashCounts  []int64       `json:"storedHashCounts"`
	RecordProofs      []recordQuery `json:"recordProofs"`
	TreeProofs        []treeQuery   `json:"treeProofs"`
	CheckRecords      []recordCheck `json:"checkRecords"`
	CheckTrees        []treeCheck   `json:"checkTrees"`
}

type verdict struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

type response struct {
	LeafHashes        []tlog.Hash   `json:"leafHashes"`
	StoredHashes      []tlog.Hash   `json:"storedHashes"`
	Roots             []tlog.Hash   `json:"roots"`
	StoredHashIndexes []int64       `json:"storedHashIndexes"`
	StoredHashCounts  []int64       `json:"storedHashCounts"`
	RecordProofs      [][]tlog.Hash `json:"recordProofs"`
	TreeProofs        [][]tlog.Hash `json:"treeProofs"`
	CheckRecords      []verdict     `json:"checkRecords"`
	CheckTrees        []verdict     `json:"checkTrees"`
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "go-tlog: "+format+"\n", args...)
	os.Exit(1)
}

func hashOf(text string) (tlog.Hash, error) {
	var h tlog.Hash
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return h, err
	}
	if len(raw) != tlog.HashSize {
		return h, fmt.Errorf("hash has %d bytes", len(raw))
	}
	copy(h[:], raw)
	return h, nil
}

func hashesOf(texts []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, 0, len(texts))
	for _, text := range texts {
		h, err := hashOf(text)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, nil
}

func verdictOf(err error) verdict {
	if err != nil {
		return verdict{OK: false, Error: err.Error()}
	}
	return verdict{OK: true}
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail("reading the request: %v", err)
	}

	// The in-memory log: stored[i] is the hash with stored-hash index i.
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, index := range indexes {
			if index < 0 || index >= int64(len(stored)) {
				return nil, fmt.Errorf("stored hash %d does not exist", index)
			}
			out[i] = stored[index]
		}
		return out, nil
	})

	var res response
	res.LeafHashes = []tlog.Hash{}
	for n, text := range req.Leaves {
		data, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			fail("leaf %d: %v", n, err)
		}
		res.LeafHashes = append(res.LeafHashes, tlog.RecordHash(data))
		batch, err := tlog.StoredHashes(int64(n), data, reader)
		if err != nil {
			fail("storing leaf %d: %v", n, err)
		}
		stored = append(stored, batch...)
	}
	res.StoredHashes = stored

	res.Roots = []tlog.Hash{}
	for _, size := range req.TreeSizes {
		root, err := tlog.TreeHash(size, reader)
		if err != nil {
			fail("tree hash of size %d: %v", size, err)
		}
		res.Roots = append(res.Roots, root)
	}

	res.StoredHashIndexes = []int64{}
	for _, node := range req.StoredHashIndexes {
		res.StoredHashIndexes = append(res.StoredHashIndexes, tlog.StoredHashIndex(node.Level, node.N))
	}
	res.StoredHashCounts = []int64{}
	for _, size := range req.StoredHashCounts {
		res.StoredHashCounts = append(res.StoredHashCounts, tlog.StoredHashCount(size))
	}

	res.RecordProofs = [][]tlog.Hash{}
	for _, q := range req.RecordProofs {
		proof, err := tlog.ProveRecord(q.Size, q.Index, reader)
		if err != nil {
			fail("record proof %d in %d: %v", q.Index, q.Size, err)
		}
		res.RecordProofs = append(res.RecordProofs, append([]tlog.Hash{}, proof...))
	}

	res.TreeProofs = [][]tlog.Hash{}
	for _, q := range req.TreeProofs {
		proof, err := tlog.ProveTree(q.Size2, q.Size1, reader)
		if err != nil {
			fail("tree proof %d to %d: %v", q.Size1, q.Size2, err)
		}
		res.TreeProofs = append(res.TreeProofs, append([]tlog.Hash{}, proof...))
	}

	// Verification of proofs generated by Plenum (possibly tampered with, or relabelled).
	res.CheckRecords = []verdict{}
	for _, c := range req.CheckRecords {
		root, err1 := hashOf(c.Root)
		leaf, err2 := hashOf(c.LeafHash)
		proof, err3 := hashesOf(c.Proof)
		for _, err := range []error{err1, err2, err3} {
			if err != nil {
				fail("record check: %v", err)
			}
		}
		res.CheckRecords = append(res.CheckRecords, verdictOf(tlog.CheckRecord(proof, c.Size, root, c.Index, leaf)))
	}
	res.CheckTrees = []verdict{}
	for _, c := range req.CheckTrees {
		root1, err1 := hashOf(c.Root1)
		root2, err2 := hashOf(c.Root2)
		proof, err3 := hashesOf(c.Proof)
		for _, err := range []error{err1, err2, err3} {
			if err != nil {
				fail("tree check: %v", err)
			}
		}
		res.CheckTrees = append(res.CheckTrees, verdictOf(tlog.CheckTree(proof, c.Size2, root2, c.Size1, root1)))
	}

	out := json.NewEncoder(os.Stdout)
	if err := out.Encode(res); err != nil {
		fail("writing the response: %v", err)
	}
}
