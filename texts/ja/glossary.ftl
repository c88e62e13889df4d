# Japanese texts: the same messages as ../en/glossary.ftl.ftl.
