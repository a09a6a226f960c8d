<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>bl</name>
        <message numerus="yes">
            <source>%n unit(s), wall time %1</source>
            <translation>
                <numerusform>%n unit, wall time %1</numerusform>
                <numerusform>%n units, wall time %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n run(s)</source>
            <translation>
                <numerusform>%1: %n run</numerusform>
                <numerusform>%1: %n runs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> after %n warm-up(s)</source>
            <translation>
                <numerusform> after %n warm-up</numerusform>
                <numerusform> after %n warm-ups</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unit(s) started but never finished (the build was interrupted?)</source>
            <translation>
                <numerusform>%n unit started but never finished (the build was interrupted?)</numerusform>
                <numerusform>%n units started but never finished (the build was interrupted?)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>timing-info lines record no start times; starts are laid out on %n job slot(s) in the order cargo finished the units</source>
            <translation>
                <numerusform>timing-info lines record no start times; starts are laid out on %n job slot in the order cargo finished the units</numerusform>
                <numerusform>timing-info lines record no start times; starts are laid out on %n job slots in the order cargo finished the units</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unit(s), %1: each unit released the next one.</source>
            <translation>
                <numerusform>%n unit, %1: each unit released the next one.</numerusform>
                <numerusform>%n units, %1: each unit released the next one.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>  crates from the exports of the build's %n rlib(s)
</source>
            <translation>
                <numerusform>  crates from the exports of the build's %n rlib
</numerusform>
                <numerusform>  crates from the exports of the build's %n rlibs
</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>  crates from the exports of the build's %n rlib(s) and the toolchain's
</source>
            <translation>
                <numerusform>  crates from the exports of the build's %n rlib and the toolchain's
</numerusform>
                <numerusform>  crates from the exports of the build's %n rlibs and the toolchain's
</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: hyperfine results, %n command(s)
</source>
            <translation>
                <numerusform>%1: hyperfine results, %n command
</numerusform>
                <numerusform>%1: hyperfine results, %n commands
</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>  %n run(s): %1 ± %2   [%3 … %4]   median %5
</source>
            <translation>
                <numerusform>  %n run: %1 ± %2   [%3 … %4]   median %5
</numerusform>
                <numerusform>  %n runs: %1 ± %2   [%3 … %4]   median %5
</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Nothing was rebuilt: %n unit(s) fresh</source>
            <translation>
                <numerusform>Nothing was rebuilt: %n unit fresh</numerusform>
                <numerusform>Nothing was rebuilt: %n units fresh</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file change(s)</source>
            <translation>
                <numerusform>%n file change</numerusform>
                <numerusform>%n file changes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n build script input change(s)</source>
            <translation>
                <numerusform>%n build script input change</numerusform>
                <numerusform>%n build script input changes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n environment change(s)</source>
            <translation>
                <numerusform>%n environment change</numerusform>
                <numerusform>%n environment changes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n flag change(s)</source>
            <translation>
                <numerusform>%n flag change</numerusform>
                <numerusform>%n flag changes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n profile change(s)</source>
            <translation>
                <numerusform>%n profile change</numerusform>
                <numerusform>%n profile changes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n feature change(s)</source>
            <translation>
                <numerusform>%n feature change</numerusform>
                <numerusform>%n feature changes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unit(s) never built before</source>
            <translation>
                <numerusform>%n unit never built before</numerusform>
                <numerusform>%n units never built before</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n forced rebuild(s)</source>
            <translation>
                <numerusform>%n forced rebuild</numerusform>
                <numerusform>%n forced rebuilds</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unexplained rebuild(s)</source>
            <translation>
                <numerusform>%n unexplained rebuild</numerusform>
                <numerusform>%n unexplained rebuilds</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unit(s) built for the first time</source>
            <translation>
                <numerusform>%n unit built for the first time</numerusform>
                <numerusform>%n units built for the first time</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>rebuilt %n unit(s)</source>
            <translation>
                <numerusform>rebuilt %n unit</numerusform>
                <numerusform>rebuilt %n units</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>    %n unit(s) in all%1
</source>
            <translation>
                <numerusform>    %n unit in all%1
</numerusform>
                <numerusform>    %n units in all%1
</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unit(s) of this cascade on the critical path: %1 of its %2</source>
            <translation>
                <numerusform>%n unit of this cascade on the critical path: %1 of its %2</numerusform>
                <numerusform>%n units of this cascade on the critical path: %1 of its %2</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>    on the critical path: %1 of %2 (%n unit(s))
</source>
            <translation>
                <numerusform>    on the critical path: %1 of %2 (%n unit)
</numerusform>
                <numerusform>    on the critical path: %1 of %2 (%n units)
</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n rlib(s) of another build (no symbol of this binary among their exports); the crates are rebuilt from the binary alone</source>
            <translation>
                <numerusform>%1: %n rlib of another build (no symbol of this binary among their exports); the crates are rebuilt from the binary alone</numerusform>
                <numerusform>%1: %n rlibs of another build (no symbol of this binary among their exports); the crates are rebuilt from the binary alone</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n member(s)</source>
            <translation>
                <numerusform>%n member</numerusform>
                <numerusform>%n members</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>  build %1: %n unit(s), %2</source>
            <translation>
                <numerusform>  build %1: %n unit, %2</numerusform>
                <numerusform>  build %1: %n units, %2</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>  history %1: %n stored run(s)
</source>
            <translation>
                <numerusform>  history %1: %n stored run
</numerusform>
                <numerusform>  history %1: %n stored runs
</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::ComparePage</name>
        <message numerus="yes">
            <source>%n run(s)</source>
            <translation>
                <numerusform>%n run</numerusform>
                <numerusform>%n runs</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::CratePage</name>
        <message numerus="yes">
            <source>%n build(s)</source>
            <translation>
                <numerusform>%n build</numerusform>
                <numerusform>%n builds</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n self-profile(s)</source>
            <translation>
                <numerusform>%n self-profile</numerusform>
                <numerusform>%n self-profiles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n size report(s)</source>
            <translation>
                <numerusform>%n size report</numerusform>
                <numerusform>%n size reports</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dependency graph(s)</source>
            <translation>
                <numerusform>%n dependency graph</numerusform>
                <numerusform>%n dependency graphs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n section(s) from the open tabs</source>
            <translation>
                <numerusform>%1: %n section from the open tabs</numerusform>
                <numerusform>%1: %n sections from the open tabs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 in %n unit(s)</source>
            <translation>
                <numerusform>%1 in %n unit</numerusform>
                <numerusform>%1 in %n units</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::DepGraphView</name>
        <message numerus="yes">
            <source>&lt;br&gt;%n dependenc(ies)</source>
            <translation>
                <numerusform>&lt;br&gt;%n dependency</numerusform>
                <numerusform>&lt;br&gt;%n dependencies</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n dependent(s)</source>
            <translation>
                <numerusform>, %n dependent</numerusform>
                <numerusform>, %n dependents</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::GraphPage</name>
        <message numerus="yes">
            <source>&lt;p&gt;&lt;b&gt;Compile time:&lt;/b&gt; %1 in %n unit(s)&lt;/p&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;&lt;b&gt;Compile time:&lt;/b&gt; %1 in %n unit&lt;/p&gt;</numerusform>
                <numerusform>&lt;p&gt;&lt;b&gt;Compile time:&lt;/b&gt; %1 in %n units&lt;/p&gt;</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&lt;p&gt;&lt;b&gt;Waiting on it, directly or not:&lt;/b&gt; %n unit(s)&lt;/p&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;&lt;b&gt;Waiting on it, directly or not:&lt;/b&gt; %n unit&lt;/p&gt;</numerusform>
                <numerusform>&lt;p&gt;&lt;b&gt;Waiting on it, directly or not:&lt;/b&gt; %n units&lt;/p&gt;</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&lt;p&gt;&lt;b&gt;Rebuilds if it changes:&lt;/b&gt; %n crate(s)&lt;/p&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;&lt;b&gt;Rebuilds if it changes:&lt;/b&gt; %n crate&lt;/p&gt;</numerusform>
                <numerusform>&lt;p&gt;&lt;b&gt;Rebuilds if it changes:&lt;/b&gt; %n crates&lt;/p&gt;</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 packages · %3 dependency edges · %n member(s): %4 · deepest chain %5 · %6 in several versions</source>
            <translation>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 packages · %3 dependency edges · %n member: %4 · deepest chain %5 · %6 in several versions</numerusform>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2 packages · %3 dependency edges · %n members: %4 · deepest chain %5 · %6 in several versions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n member(s) as one node</source>
            <translation>
                <numerusform>%n member as one node</numerusform>
                <numerusform>%n members as one node</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dev edge(s) hidden</source>
            <translation>
                <numerusform>%n dev edge hidden</numerusform>
                <numerusform>%n dev edges hidden</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n edge(s) implied by others left out</source>
            <translation>
                <numerusform>%n edge implied by others left out</numerusform>
                <numerusform>%n edges implied by others left out</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n single-use crate(s) folded (+N)</source>
            <translation>
                <numerusform>%n single-use crate folded (+N)</numerusform>
                <numerusform>%n single-use crates folded (+N)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&lt;p&gt;&lt;b&gt;%1 in %n version(s), side by side&lt;/b&gt;&lt;/p&gt;&lt;table cellspacing=0 cellpadding=4&gt;&lt;tr&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;&lt;b&gt;%1 in %n version, side by side&lt;/b&gt;&lt;/p&gt;&lt;table cellspacing=0 cellpadding=4&gt;&lt;tr&gt;</numerusform>
                <numerusform>&lt;p&gt;&lt;b&gt;%1 in %n versions, side by side&lt;/b&gt;&lt;/p&gt;&lt;table cellspacing=0 cellpadding=4&gt;&lt;tr&gt;</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::HistoryPage</name>
        <message numerus="yes">
            <source>%n run(s)</source>
            <translation>
                <numerusform>%n run</numerusform>
                <numerusform>%n runs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n run(s) in %1</source>
            <translation>
                <numerusform>%n run in %1</numerusform>
                <numerusform>%n runs in %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::MainWindow</name>
        <message numerus="yes">
            <source>%n match(es)</source>
            <translation>
                <numerusform>%n match</numerusform>
                <numerusform>%n matches</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::ProfilePage</name>
        <message numerus="yes">
            <source>%n thread(s)</source>
            <translation>
                <numerusform>%n thread</numerusform>
                <numerusform>%n threads</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::ProfileSetPage</name>
        <message numerus="yes">
            <source>%1: %n profile(s)</source>
            <translation>
                <numerusform>%1: %n profile</numerusform>
                <numerusform>%1: %n profiles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> (%n file(s) could not be read)</source>
            <translation>
                <numerusform> (%n file could not be read)</numerusform>
                <numerusform> (%n files could not be read)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::RunListModel</name>
        <message numerus="yes">
            <source>%n package(s)</source>
            <translation>
                <numerusform>%n package</numerusform>
                <numerusform>%n packages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unit(s)</source>
            <translation>
                <numerusform>%n unit</numerusform>
                <numerusform>%n units</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::SizePage</name>
        <message numerus="yes">
            <source>crates from the exports of %n rlib(s) beside the binary</source>
            <translation>
                <numerusform>crates from the exports of %n rlib beside the binary</numerusform>
                <numerusform>crates from the exports of %n rlibs beside the binary</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::SummaryPanel</name>
        <message numerus="yes">
            <source>&lt;span style='color:%1'&gt;%n unit(s), each releasing the next&lt;/span&gt;</source>
            <translation>
                <numerusform>&lt;span style='color:%1'&gt;%n unit, each releasing the next&lt;/span&gt;</numerusform>
                <numerusform>&lt;span style='color:%1'&gt;%n units, each releasing the next&lt;/span&gt;</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::TimingsPage</name>
        <message numerus="yes">
            <source>%1: %Ln unit(s), wall time %2, critical path %3</source>
            <translation>
                <numerusform>%1: %Ln unit, wall time %2, critical path %3</numerusform>
                <numerusform>%1: %Ln units, wall time %2, critical path %3</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>bl::WhatIfView</name>
        <message numerus="yes">
            <source>&lt;p&gt;Critical path %1 over %n unit(s):&lt;br&gt;%2&lt;/p&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;Critical path %1 over %n unit:&lt;br&gt;%2&lt;/p&gt;</numerusform>
                <numerusform>&lt;p&gt;Critical path %1 over %n units:&lt;br&gt;%2&lt;/p&gt;</numerusform>
            </translation>
        </message>
    </context>
</TS>
