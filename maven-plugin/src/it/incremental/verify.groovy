def log = new File(basedir, 'build.log').text
assert log.count('compiled 1 offering(s) (incremental)') == 0
assert log.count('compiled 1 offering(s) (minimal)') == 1 : "compiled once:\n${log}"
assert log.count('is up to date (offerings unchanged since it was compiled)') == 1 : "second run skipped:\n${log}"

def jar = new File(basedir, 'target/incremental-1.0-bundle.jar')
assert jar.isFile()
def state = new File(basedir, 'target/dedicate/incremental-1.0-bundle.jar.state')
assert state.text.contains(new File(basedir, 'offerings/minimal.offering').canonicalPath)

// attached under the classifier, next to the pom
def installed = new File(localRepositoryPath, 'io/dedicate/it/incremental/1.0/incremental-1.0-bundle.jar')
assert installed.isFile() : "installed: ${installed}"
assert installed.bytes == jar.bytes
return true
