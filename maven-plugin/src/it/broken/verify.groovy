def log = new File(basedir, 'build.log').text
def offering = new File(basedir, 'src/main/offerings/broken.offering').canonicalPath
def expected = "[ERROR] ${offering}:14:20: error[unknown-plan]: plan `smal` is not declared (did you mean `small`?)"
assert log.contains(expected) : "the diagnostic line, with an absolute path IDEs link:\n${expected}\nin:\n${log}"
assert log.contains('[ERROR]    14 |   upgrade') : 'the source line is shown'
assert log.contains('offering files have 1 error, 0 warnings; first: ' + offering + ':14:20')
assert !new File(basedir, 'target/broken-1.0.jar').exists() : 'no bundle is written'
return true
