# The seed's question (trailhive's security-group-changes) in DuckDB, for bench/speed.bench.ts: a
# hand-written schema (auto-detection fails on CloudTrail: docs/ARCHITECTURE.md), read_json + unnest +
# filter on 2 threads. `python duckdb-seed-question.py LOGS OUT.tsv`: writes one event id per row.
import sys

import duckdb

con = duckdb.connect()
con.execute("SET threads = 2")
records = (
    "STRUCT(eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, awsRegion VARCHAR, sourceIPAddress VARCHAR,"
    " userIdentity STRUCT(arn VARCHAR, userName VARCHAR, accessKeyId VARCHAR), requestParameters JSON,"
    " responseElements JSON, errorCode VARCHAR, eventID VARCHAR, recipientAccountId VARCHAR)[]"
)
rows = con.execute(
    f"""
    WITH e AS (
      SELECT unnest(Records) AS r
      FROM read_json(?, columns = {{Records: '{records}'}}, format = 'auto', maximum_object_size = 268435456)
    )
    SELECT r.eventTime AS event_time, r.eventName AS event_name,
      coalesce(json_extract_string(r.requestParameters, '$.groupId'),
               json_extract_string(r.requestParameters, '$.ModifySecurityGroupRulesRequest.GroupId'),
               json_extract_string(r.responseElements, '$.groupId')) AS group_id,
      r.userIdentity.arn, r.userIdentity.userName, r.userIdentity.accessKeyId, r.sourceIPAddress,
      r.awsRegion, r.recipientAccountId, r.errorCode, r.eventID AS event_id
    FROM e
    WHERE r.eventSource = 'ec2.amazonaws.com'
      AND r.eventName IN ('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress',
                          'RevokeSecurityGroupEgress', 'ModifySecurityGroupRules', 'CreateSecurityGroup', 'DeleteSecurityGroup')
    ORDER BY event_time, event_id
    """,
    [sys.argv[1] + "/**/*.json.gz"],
).fetchall()
with open(sys.argv[2], "w") as out:
    for row in rows:
        out.write(f"{row[-1]}\n")
