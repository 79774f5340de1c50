import java.util.zip.ZipFile

// Two offerings: their templates are rendered on the common fork-join pool's threads as well as Maven's; before the
// compiler carried the caller's context class loader to them, Jinjava found no expression factory there (the plugin's
// classes live in a class realm of their own) and the render check failed the build.
def log = new File(basedir, 'build.log').text
assert log.contains('ok: 2 offering(s) checked (minimal, second)') : 'dedicate:check ran at validate'
assert log.contains('compiled 2 offering(s) (minimal, second) into') : 'dedicate:compile ran'
assert !log.contains('template-render') : 'every template rendered'

def jar = new File(basedir, 'target/two-offerings-1.0.jar')
assert jar.isFile()
def entries = new ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } }
assert entries.contains('pipelines/minimal/pipeline.yml.j2') : "both offerings' pipelines: ${entries}"
assert entries.contains('pipelines/second/pipeline.yml.j2') : "both offerings' pipelines: ${entries}"
assert entries.contains('model.json') : "the jar is a bundle: ${entries}"
return true
