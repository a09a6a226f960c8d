<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>bl</name>
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
</context>
<context>
    <name>bl::MainWindow</name>
    <message numerus="yes">
        <source>%1: %n unit(s), wall time %2, critical path %3</source>
        <translation>
            <numerusform>%1: %n unit, wall time %2, critical path %3</numerusform>
            <numerusform>%1: %n units, wall time %2, critical path %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bl::SummaryPanel</name>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:%1&apos;&gt;%n unit(s), each releasing the next&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style='color:%1'&gt;%n unit, each releasing the next&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style='color:%1'&gt;%n units, each releasing the next&lt;/span&gt;</numerusform>
        </translation>
    </message>
</context>
</TS>
