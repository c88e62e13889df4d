# Japanese texts: the same messages as ../en/hints.ftl.ftl.
