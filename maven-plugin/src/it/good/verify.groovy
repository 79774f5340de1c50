import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('ok: 1 offering(s) checked (minimal)') : 'dedicate:check ran at validate'
assert log.contains('compiled 1 offering(s) (minimal) into') : 'dedicate:compile ran'

def jar = new File(basedir, 'target/good-1.0.jar')
assert jar.isFile()
def entries = new ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } }
assert entries.contains('model.json') : "the jar is a bundle: ${entries}"
assert entries.contains('catalog.json') : "the jar is a bundle: ${entries}"

// installed as the project's own artifact (packaging dedicate-bundle, extension jar)
def installed = new File(localRepositoryPath, 'io/dedicate/it/good/1.0/good-1.0.jar')
assert installed.isFile() : "installed: ${installed}"
assert installed.bytes == jar.bytes
return true
