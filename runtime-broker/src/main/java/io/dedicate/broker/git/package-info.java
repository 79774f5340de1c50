/** The git deployer: commits rendered files to the deployment repository (a local bare repository or any remote). */
@NullMarked
package io.dedicate.broker.git;

import org.jspecify.annotations.NullMarked;
