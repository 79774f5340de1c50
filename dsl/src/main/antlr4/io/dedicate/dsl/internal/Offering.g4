/*
 * The offering language: one file describes one on-demand dedicated service
 * offering (or one fragment that offerings include).
 *
 * Design notes:
 *  - Every member starts with a keyword, so no separators are needed; a `;` may
 *    follow any member for one-line blocks (`child plan x { bindable; driver mysql }`).
 *  - Keywords are reserved only where they are expected: `name` accepts any
 *    keyword, so a parameter may be called `version` or `description`.
 *  - Names may contain dashes and may start with a digit (`cluster-small`, `100mb`).
 *  - Strings: "..." with \" \\ \n \t \r \$ escapes, and """...""" multi-line text
 *    whose common indentation is stripped. Inside expressions, "${ref}" interpolates.
 *    Decoding, interpolation and their errors are the AST builder's (StringLiterals).
 *  - Generated classes live in io.dedicate.dsl.internal: nothing outside the dsl
 *    module sees ANTLR; io.dedicate.dsl.OfferingParser is the entry point.
 */
grammar Offering;

// ---------------------------------------------------------------- files

file
    : (offering | fragmentDecl) EOF
    ;

offering
    : OFFERING name VERSION versionLiteral LBRACE member* RBRACE
    ;

fragmentDecl
    : FRAGMENT name LBRACE member* RBRACE
    ;

member
    : memberBody SEMI?
    ;

memberBody
    : ID_KW string                                                # idMember
    | DISPLAY_NAME string                                         # displayNameMember
    | DESCRIPTION text                                            # descriptionMember
    | LONG_DESCRIPTION text                                       # longDescriptionMember
    | PROVIDER string                                             # providerMember
    | DOCUMENTATION_URL string                                    # documentationUrlMember
    | SUPPORT_URL string                                          # supportUrlMember
    | IMAGE_URL string                                            # imageUrlMember
    | TAGS tag (COMMA tag)*                                       # tagsMember
    | flagName bool?                                           # flagMember
    | INCLUDE string                                              # includeMember
    | RELEASE name versionLiteral (LBRACE releaseSetting* RBRACE)?  # releaseMember
    | STEMCELL name versionLiteral                                # stemcellMember
    | planKind PLAN name LBRACE planSetting* RBRACE               # planMember
    | UPGRADE name ARROW name                                     # upgradeMember
    | parameterScope PARAMETERS LBRACE parameter* RBRACE          # parametersMember
    | DEPLOYMENT LBRACE deploymentSetting* RBRACE                 # deploymentMember
    | ERRAND name (ON name)? timing+                              # errandMember
    | HOOK name ON SHARED DEPLOYMENT string LBRACE hookSetting* RBRACE  # hookMember
    | APP name LBRACE appSetting* RBRACE                          # appMember
    | TERRAFORM LBRACE terraformSetting* RBRACE                   # terraformMember
    | OUTPUTS LBRACE output* RBRACE                               # outputsMember
    | SHARING sharingPolicy                                       # sharingMember
    | LIMITS LBRACE limitSetting* RBRACE                          # limitsMember
    | PIPELINE LBRACE pipelineSetting* RBRACE                     # pipelineMember
    ;

flagName
    : SHAREABLE | INSTANCES_RETRIEVABLE | BINDINGS_RETRIEVABLE | ALLOW_CONTEXT_UPDATES | PLAN_UPDATEABLE
    ;

tag
    : name | string
    ;

releaseSetting
    : (URL string | SHA1 string | SPECS string) SEMI?
    ;

// ---------------------------------------------------------------- plans

planKind
    : CLUSTER | CHILD
    ;

planSetting
    : planSettingBody SEMI?
    ;

planSettingBody
    : ID_KW string                                                # planIdSetting
    | DISPLAY_NAME string                                         # planDisplayNameSetting
    | DESCRIPTION text                                            # planDescriptionSetting
    | FREE bool?                                               # planFreeSetting
    | COST number name PER name                                   # planCostSetting
    | BULLETS string (COMMA string)*                              # planBulletsSetting
    | BINDABLE bool?                                           # planBindableSetting
    | PLAN_UPDATEABLE bool?                                    # planUpdateableSetting
    | INSTANCES instanceCount (COMMA instanceCount)*              # planInstancesSetting
    | VM_TYPE name                                                # planVmTypeSetting
    | DISK quantity                                               # planDiskSetting
    | AZS name (COMMA name)*                                      # planAzsSetting
    | MAX_POLLING quantity                                        # planMaxPollingSetting
    | DRIVER name (LBRACE driverSetting* RBRACE)?                 # planDriverSetting
    ;

instanceCount
    : name number
    ;

driverSetting
    : name value SEMI?
    ;

// ---------------------------------------------------------------- parameters

parameterScope
    : CLUSTER (CREATE | UPDATE)?
    | CHILD
    | BINDING
    ;

parameter
    : name COLON type (EQ value)? parameterOption* string? SEMI?
    ;

type
    : STRING_TYPE | INTEGER_TYPE | NUMBER_TYPE | BOOLEAN_TYPE | BYTES_TYPE | DURATION_TYPE
    | ENUM LPAREN value (COMMA value)* RPAREN
    ;

parameterOption
    : RANGE bound? RANGE_OP bound?                                # rangeOption
    | LENGTH number? RANGE_OP number?                             # lengthOption
    | PATTERN string                                              # patternOption
    | EXAMPLE value                                               # exampleOption
    | CREATE_ONLY                                                 # createOnlyOption
    | SECRET                                                      # secretOption
    | REQUIRED                                                    # requiredOption
    ;

// ---------------------------------------------------------------- deployment

deploymentSetting
    : deploymentSettingBody SEMI?
    ;

deploymentSettingBody
    : NAME_KW expr                                                # deploymentNameSetting
    | NETWORK name                                                # deploymentNetworkSetting
    | UPDATE LBRACE updateSetting* RBRACE                         # deploymentUpdateSetting
    | INSTANCE_GROUP name LBRACE instanceGroupSetting* RBRACE     # instanceGroupSettingBlock
    | VARIABLE name COLON name (LBRACE variableOption* RBRACE)?   # variableSetting
    ;

updateSetting
    : name value SEMI?
    ;

variableOption
    : name expr SEMI?
    ;

instanceGroupSetting
    : instanceGroupSettingBody SEMI?
    ;

instanceGroupSettingBody
    : JOB name FROM name (LBRACE jobSetting* RBRACE)?             # jobSettingBlock
    | LIFECYCLE name                                              # lifecycleSetting
    | INSTANCES number                                            # fixedInstancesSetting
    | VM_TYPE name                                                # groupVmTypeSetting
    | DISK quantity                                               # groupDiskSetting
    | NETWORKS name (COMMA name)*                                 # groupNetworksSetting
    | AZS name (COMMA name)*                                      # groupAzsSetting
    ;

jobSetting
    : PROPERTY propertyPath EQ expr SEMI?
    ;

propertyPath
    : name (DOT name)*
    ;

// ---------------------------------------------------------------- errands, hooks, apps, terraform

timing
    : (AFTER | BEFORE) phase (COMMA phase)*
    ;

phase
    : DEPLOY | UPDATE | RECREATE | UPGRADE | DELETE
    ;

hookSetting
    : hookSettingBody SEMI?
    ;

hookSettingBody
    : REGISTER timing+                                            # hookRegisterSetting
    | DEREGISTER timing+                                          # hookDeregisterSetting
    | OPS string EQ expr                                          # hookOpsSetting
    ;

appSetting
    : appSettingBody SEMI?
    ;

appSettingBody
    : SOURCE string                                               # appSourceSetting
    | BUILDPACK string                                            # appBuildpackSetting
    | MEMORY quantity                                             # appMemorySetting
    | DISK quantity                                               # appDiskSetting
    | INSTANCES number                                            # appInstancesSetting
    | TARGET ORG expr SPACE expr                                  # appTargetSetting
    | ROUTE expr                                                  # appRouteSetting
    | ENV name EQ expr                                            # appEnvSetting
    ;

terraformSetting
    : terraformSettingBody SEMI?
    ;

terraformSettingBody
    : MODULE string                                               # terraformModuleSetting
    | VAR name EQ expr                                            # terraformVarSetting
    ;

// ---------------------------------------------------------------- outputs, sharing, limits, pipeline

output
    : name COLON type (EQ expr)? SECRET? string? SEMI?
    ;

sharingPolicy
    : NONE
    | ACROSS (SPACES | ORGS) (REQUIRES GRANT)?
    ;

limitSetting
    : name number SEMI?
    ;

pipelineSetting
    : name value SEMI?
    ;

// ---------------------------------------------------------------- values and expressions

expr
    : value                                                       # literalExpr
    | reference                                                   # referenceExpr
    | CREDHUB LPAREN string RPAREN                                # credhubExpr
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                  # listExpr
    | LBRACE (mapEntry (COMMA mapEntry)* COMMA?)? RBRACE          # mapExpr
    ;

mapEntry
    : (name | string) COLON expr
    ;

reference
    : name (DOT name)+
    ;

value
    : string | number | quantity | bool
    ;

bound
    : number | quantity
    ;

bool
    : TRUE | FALSE
    ;

number
    : MINUS? NUMBER
    ;

quantity
    : QUANTITY
    ;

versionLiteral
    : NUMBER | QUANTITY | IDENT | string
    ;

string
    : STRING
    ;

text
    : STRING | TEXT_BLOCK
    ;

/** A name: an identifier, a keyword used as a name, or a name starting with a digit such as `100mb`. */
name
    : IDENT | QUANTITY | NUMBER | keyword
    ;

keyword
    : OFFERING | FRAGMENT | VERSION | ID_KW | DISPLAY_NAME | DESCRIPTION | LONG_DESCRIPTION | PROVIDER
    | DOCUMENTATION_URL | SUPPORT_URL | IMAGE_URL | TAGS | SHAREABLE | INSTANCES_RETRIEVABLE
    | BINDINGS_RETRIEVABLE | ALLOW_CONTEXT_UPDATES | PLAN_UPDATEABLE | INCLUDE | RELEASE | URL | SHA1 | SPECS
    | STEMCELL | CLUSTER | CHILD | PLAN | FREE | COST | PER | BULLETS | BINDABLE | INSTANCES | VM_TYPE
    | DISK | AZS | MAX_POLLING | DRIVER | UPGRADE | PARAMETERS | CREATE | UPDATE | BINDING
    | STRING_TYPE | INTEGER_TYPE | NUMBER_TYPE | BOOLEAN_TYPE | BYTES_TYPE | DURATION_TYPE | ENUM
    | RANGE | LENGTH | PATTERN | EXAMPLE | CREATE_ONLY | SECRET | REQUIRED | DEPLOYMENT | NAME_KW
    | NETWORK | NETWORKS | INSTANCE_GROUP | VARIABLE | JOB | FROM | LIFECYCLE | PROPERTY | ERRAND
    | ON | AFTER | BEFORE | DEPLOY | RECREATE | DELETE | HOOK | SHARED | REGISTER | DEREGISTER | OPS
    | APP | SOURCE | BUILDPACK | MEMORY | TARGET | ORG | SPACE | ROUTE | ENV | TERRAFORM | MODULE | VAR
    | OUTPUTS | SHARING | NONE | ACROSS | SPACES | ORGS | REQUIRES | GRANT | LIMITS | PIPELINE | CREDHUB
    ;

// ================================================================ lexer

OFFERING : 'offering';
FRAGMENT : 'fragment';
VERSION : 'version';
ID_KW : 'id';
DISPLAY_NAME : 'display_name';
DESCRIPTION : 'description';
LONG_DESCRIPTION : 'long_description';
PROVIDER : 'provider';
DOCUMENTATION_URL : 'documentation_url';
SUPPORT_URL : 'support_url';
IMAGE_URL : 'image_url';
TAGS : 'tags';
SHAREABLE : 'shareable';
INSTANCES_RETRIEVABLE : 'instances_retrievable';
BINDINGS_RETRIEVABLE : 'bindings_retrievable';
ALLOW_CONTEXT_UPDATES : 'allow_context_updates';
PLAN_UPDATEABLE : 'plan_updateable';
INCLUDE : 'include';
RELEASE : 'release';
URL : 'url';
SHA1 : 'sha1';
SPECS : 'specs';
STEMCELL : 'stemcell';
CLUSTER : 'cluster';
CHILD : 'child';
PLAN : 'plan';
FREE : 'free';
COST : 'cost';
PER : 'per';
BULLETS : 'bullets';
BINDABLE : 'bindable';
INSTANCES : 'instances';
VM_TYPE : 'vm_type';
DISK : 'disk';
AZS : 'azs';
MAX_POLLING : 'max_polling';
DRIVER : 'driver';
DEPLOY : 'deploy';
UPDATE : 'update';
RECREATE : 'recreate';
UPGRADE : 'upgrade';
DELETE : 'delete';
PARAMETERS : 'parameters';
CREATE : 'create';
BINDING : 'binding';
STRING_TYPE : 'string';
INTEGER_TYPE : 'integer';
NUMBER_TYPE : 'number';
BOOLEAN_TYPE : 'boolean';
BYTES_TYPE : 'bytes';
DURATION_TYPE : 'duration';
ENUM : 'enum';
RANGE : 'range';
LENGTH : 'length';
PATTERN : 'pattern';
EXAMPLE : 'example';
CREATE_ONLY : 'create_only';
SECRET : 'secret';
REQUIRED : 'required';
DEPLOYMENT : 'deployment';
NAME_KW : 'name';
NETWORK : 'network';
NETWORKS : 'networks';
INSTANCE_GROUP : 'instance_group';
VARIABLE : 'variable';
JOB : 'job';
FROM : 'from';
LIFECYCLE : 'lifecycle';
PROPERTY : 'property';
ERRAND : 'errand';
ON : 'on';
AFTER : 'after';
BEFORE : 'before';
HOOK : 'hook';
SHARED : 'shared';
REGISTER : 'register';
DEREGISTER : 'deregister';
OPS : 'ops';
APP : 'app';
SOURCE : 'source';
BUILDPACK : 'buildpack';
MEMORY : 'memory';
TARGET : 'target';
ORG : 'org';
SPACE : 'space';
ROUTE : 'route';
ENV : 'env';
TERRAFORM : 'terraform';
MODULE : 'module';
VAR : 'var';
OUTPUTS : 'outputs';
SHARING : 'sharing';
NONE : 'none';
ACROSS : 'across';
SPACES : 'spaces';
ORGS : 'orgs';
REQUIRES : 'requires';
GRANT : 'grant';
LIMITS : 'limits';
PIPELINE : 'pipeline';
CREDHUB : 'credhub';
TRUE : 'true';
FALSE : 'false';

LBRACE : '{';
RBRACE : '}';
LPAREN : '(';
RPAREN : ')';
LBRACK : '[';
RBRACK : ']';
COMMA : ',';
COLON : ':';
SEMI : ';';
EQ : '=';
ARROW : '->';
RANGE_OP : '..';
DOT : '.';
MINUS : '-';

/** A multi-line text block; the AST builder strips the common indentation. */
TEXT_BLOCK : '"""' .*? '"""';

STRING : '"' ( '\\' . | ~["\\\r\n] )* '"';

/** A number with a unit (10GB, 2h, 30s) or a name starting with a digit (100mb, 1gb-ha). */
QUANTITY : DIGITS ('.' DIGITS)? [a-zA-Z] [a-zA-Z0-9_]* ('-' [a-zA-Z0-9_]+)*;

/** Integers, decimals and dotted versions (3, 0.5, 36.19.0). */
NUMBER : DIGITS ('.' DIGITS)*;

IDENT : [a-zA-Z_] [a-zA-Z0-9_]* ('-' [a-zA-Z0-9_]+)*;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS : [ \t\r\n\f]+ -> channel(HIDDEN);

/*
 * Error tokens. The parser never sees them as such: the lexical pass reports them, then turns an
 * unterminated string into a STRING and hides a stray character, so that one typo gives one
 * diagnostic instead of a cascade of syntax errors.
 */
/** A text block whose closing quotes never come: it runs to the end of the file. */
UNTERMINATED_TEXT_BLOCK : '"""' ( ~'"' | '"' ~'"' | '""' ~'"' )* '"'? '"'? EOF;
/** A block comment that is never closed. */
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF;
/** A string whose closing quote is missing on its line. */
UNTERMINATED_STRING : '"' ( '\\' . | ~["\\\r\n] )*;
ERROR_CHAR : .;

fragment DIGITS : [0-9]+;
