# Japanese texts: the same messages as ../en/learn.ftl.ftl.
