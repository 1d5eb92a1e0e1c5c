#!/bin/bash
# The example workspace built from the seed passes check, and has the seed's content.
. "$SRCDIR/tests/lib.sh"

example_ws
expect "the example workspace passes check" 0 trygg -C ws check
expect_no_stdout "nothing on stdout"
expect "check of named files" 0 trygg -C ws check ws/districts/angered.yaml ws/trygg.yaml
expect "district ls" 0 trygg -C ws district ls
expect_stdout "Angered is there" "Angered"
expect_stdout "Västra Hisingen is there" "Västra Hisingen"
a=ws/districts/angered.yaml
check "the survey's littering areas" grep -q 'areas: \[Hjällbo, Hammarkullen, Gårdsten, Lövgärdet\]' $a
check "problem 6 of the seed" grep -q 'title: Social oro i Rannebergen centrum' $a
check "its effect as the seed states it" grep -q 'Den sociala oron upphörde' $a
check "a seed measure" grep -q 'Uppställning av polisen husbil' $a
expect "district found by name, any case" 0 trygg -C ws check ws/districts/vastra-hisingen.yaml

done_testing
