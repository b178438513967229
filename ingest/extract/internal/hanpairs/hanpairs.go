// Package hanpairs makes the table of Chinese character pairs that occur
// inside common words (hanpairs.bin of package extract), from gse's
// dictionaries of simplified Chinese (the one the index segments with)
// and of traditional Chinese, which some documents are written in.
//
// The table lets the extractor tell text from common characters in an
// order no writer would use (a PDF font read with another subset's
// ToUnicode map): in real Chinese about half of the adjacent character
// pairs are inside a word of the dictionary, in such text one in ten.
package hanpairs

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MinFreq is the least frequency in the dictionary of a word whose pairs
// are taken, and MaxWordLen the longest word taken: rarer and longer words
// add pairs that text from common characters in a wrong order also has.
const (
	MinFreq    = 50
	MaxWordLen = 4
)

// First and Last bound the characters a pair is made of: the CJK Unified
// Ideographs block, where all common characters are.
const (
	First rune = 0x4E00
	Last  rune = 0x9FFF
)

// Key is the pair a, b as it is stored: both offsets from First.
func Key(a, b rune) uint32 { return uint32(a-First)<<16 | uint32(b-First) }

// Dictionaries are the paths of gse's simplified- and traditional-Chinese
// dictionaries in the module cache, found with the go command.
func Dictionaries() ([]string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		return nil, fmt.Errorf("find the gse module: %w", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "data", "dict", "zh")
	return []string{filepath.Join(dir, "s_1.txt"), filepath.Join(dir, "t_1.txt")}, nil
}

// Read is the table of the dictionaries at paths (Dictionaries).
func Read(paths []string) ([]byte, error) {
	var readers []io.Reader
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		readers = append(readers, f, strings.NewReader("\n"))
	}
	return Table(io.MultiReader(readers...))
}

// Table reads a gse dictionary (word, frequency, part of speech per line)
// and returns the sorted pair keys as little-endian uint32s.
func Table(dict io.Reader) ([]byte, error) {
	seen := map[uint32]bool{}
	sc := bufio.NewScanner(dict)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		freq, err := strconv.ParseFloat(fields[1], 64)
		if err != nil || freq < MinFreq {
			continue
		}
		word := []rune(fields[0])
		if len(word) > MaxWordLen {
			continue
		}
		for i := 0; i+1 < len(word); i++ {
			if inBlock(word[i]) && inBlock(word[i+1]) {
				seen[Key(word[i], word[i+1])] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read the dictionary: %w", err)
	}
	keys := make([]uint32, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	for _, k := range keys {
		binary.Write(&buf, binary.LittleEndian, k)
	}
	return buf.Bytes(), nil
}

func inBlock(r rune) bool { return r >= First && r <= Last && r != utf8.RuneError }

// Write makes the table from the dictionaries and writes it to path.
func Write(path string) error {
	paths, err := Dictionaries()
	if err != nil {
		return err
	}
	table, err := Read(paths)
	if err != nil {
		return err
	}
	return os.WriteFile(path, table, 0o644)
}
