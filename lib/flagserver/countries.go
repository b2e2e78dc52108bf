package flagserver

import (
	"slices"
	"strings"
)

// pop20 are the 20 most populous countries' codes, the list the flags
// benchmark downloads first (from Fluent Python's flags examples). It is
// unexported, and handed out by Pop20 as a copy, so no caller can change
// the order every other caller downloads in.
var pop20 = strings.Fields("CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR")

// Pop20 returns the 20 most populous countries' codes, upper case, most
// populous first: the flags the flags benchmark downloads first. It is a
// copy.
func Pop20() []string { return slices.Clone(pop20) }

// countryCodes are the 194 codes the flag server serves (see CountryCodes).
var countryCodes = strings.Fields(`
AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ
CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI
FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM
JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG
MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK
PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD
TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW`)

// CountryCodes returns the 194 codes the flag server serves: the 193 UN
// member states and the Holy See, ISO 3166-1 alpha-2, upper case, sorted.
// It is a copy, so callers cannot change the server's list.
func CountryCodes() []string { return slices.Clone(countryCodes) }

var knownCountry = func() map[string]bool {
	m := make(map[string]bool, len(countryCodes))
	for _, cc := range countryCodes {
		m[strings.ToLower(cc)] = true
	}
	return m
}()

// FlagCodes returns n country codes in the flags benchmark's order: the 20 most
// populous first, then the others alphabetically; past 194 the list
// repeats, so any number of downloads can be asked for.
func FlagCodes(n int) []string {
	order := Pop20()
	in := map[string]bool{}
	for _, cc := range pop20 {
		in[cc] = true
	}
	for _, cc := range countryCodes {
		if !in[cc] {
			order = append(order, cc)
		}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = order[i%len(order)]
	}
	return out
}
