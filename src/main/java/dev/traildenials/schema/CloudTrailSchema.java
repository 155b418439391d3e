package dev.traildenials.schema;

import static dev.traildenials.schema.Field.arrayOfStruct;
import static dev.traildenials.schema.Field.mapOfString;
import static dev.traildenials.schema.Field.string;
import static dev.traildenials.schema.Field.struct;

import java.util.List;

/**
 * The one definition of the {@code cloudtrail} table: the columns of AWS's documented Athena
 * CloudTrail table, in its order and with its lower-case names, followed by the fields CloudTrail
 * records carry that the documented DDL leaves out, and the lineage column {@code source_file}.
 *
 * <p>Everything else (Spark's struct type, the parser's field lookup, the docs) is derived from
 * this list.
 */
public final class CloudTrailSchema {

  public static final String SOURCE_FILE = "source_file";

  private static final List<Field> COLUMNS =
      List.of(
          string("eventVersion"),
          struct(
              "userIdentity",
              string("type"),
              string("principalId"),
              string("arn"),
              string("accountId"),
              string("invokedBy"),
              string("accessKeyId"),
              string("userName"),
              struct("onBehalfOf", string("userId"), string("identityStoreArn")),
              struct(
                  "sessionContext",
                  struct("attributes", string("mfaAuthenticated"), string("creationDate")),
                  struct(
                      "sessionIssuer",
                      string("type"),
                      string("principalId"),
                      string("arn"),
                      string("accountId"),
                      string("userName")),
                  string("ec2RoleDelivery"),
                  struct(
                      "webIdFederationData",
                      string("federatedProvider"),
                      mapOfString("attributes")),
                  // Beyond the documented DDL:
                  string("sourceIdentity"),
                  string("assumedRoot")),
              // Beyond the documented DDL:
              string("credentialId"),
              string("identityProvider"),
              struct(
                  "inScopeOf",
                  string("issuerType"),
                  string("credentialsIssuedTo"),
                  string("issuerAccountId"))),
          string("eventTime"),
          string("eventSource"),
          string("eventName"),
          string("awsRegion"),
          string("sourceIPAddress"),
          string("userAgent"),
          string("errorCode"),
          string("errorMessage"),
          string("requestParameters"),
          string("responseElements"),
          string("additionalEventData"),
          string("requestID"),
          string("eventID"),
          arrayOfStruct("resources", string("ARN"), string("accountId"), string("type")),
          string("eventType"),
          string("apiVersion"),
          string("readOnly"),
          string("recipientAccountId"),
          string("serviceEventDetails"),
          string("sharedEventID"),
          string("vpcEndpointId"),
          string("vpcEndpointAccountId"),
          string("eventCategory"),
          struct(
              "addendum",
              string("reason"),
              string("updatedFields"),
              string("originalRequestID"),
              string("originalEventID")),
          string("sessionCredentialFromConsole"),
          string("edgeDeviceDetails"),
          struct(
              "tlsDetails",
              string("tlsVersion"),
              string("cipherSuite"),
              string("clientProvidedHostHeader")),
          // Beyond the documented DDL:
          string("managementEvent"),
          string("eventContext"),
          string("insightDetails"),
          new Field(SOURCE_FILE, FieldKind.SOURCE_FILE, List.of()));

  private CloudTrailSchema() {}

  /** The table's columns, in order. */
  public static List<Field> columns() {
    return COLUMNS;
  }
}
