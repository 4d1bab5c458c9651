-- trailhive view ec2.amazonaws.com:AuthorizeSecurityGroupIngress --table cloudtrail --partitioned --explode ipPermissions.items --max-items 100
DROP VIEW IF EXISTS ec2_authorize_security_group_ingress;

CREATE VIEW ec2_authorize_security_group_ingress AS
SELECT
  t.eventtime AS event_time,
  t.eventid AS event_id,
  t.useridentity.arn AS principal_arn,
  t.sourceipaddress AS source_ip,
  t.useragent AS user_agent,
  t.awsregion AS aws_region,
  t.recipientaccountid AS account_id,
  t.errorcode AS error_code,
  t.account,
  t.region,
  t.`year`,
  t.`month`,
  t.`day`,
  get_json_object(t.requestparameters, '$.groupId') AS request_group_id,
  CASE get_json_object(t.responseelements, '$._return') WHEN 'true' THEN true WHEN 'false' THEN false END AS response_return,
  get_json_object(t.responseelements, '$.requestId') AS response_request_id,
  get_json_object(t.responseelements, '$.securityGroupRuleSet.items') AS response_security_group_rule_set_items,
  item_index,
  CAST(get_json_object(item_json, '$.fromPort') AS BIGINT) AS item_from_port,
  get_json_object(item_json, '$.groups') AS item_groups,
  get_json_object(item_json, '$.ipProtocol') AS item_ip_protocol,
  get_json_object(item_json, '$.ipRanges.items') AS item_ip_ranges_items,
  get_json_object(item_json, '$.ipv6Ranges') AS item_ipv6_ranges,
  get_json_object(item_json, '$.prefixListIds') AS item_prefix_list_ids,
  CAST(get_json_object(item_json, '$.toPort') AS BIGINT) AS item_to_port,
  get_json_object(t.requestparameters, '$.ipPermissions.items[100]') IS NOT NULL AS items_truncated
FROM cloudtrail t
LATERAL VIEW posexplode(split(space(99), ' ')) item_positions AS item_index, item_unused
LATERAL VIEW explode(array(get_json_object(t.requestparameters, concat('$.ipPermissions.items[', CAST(item_index AS STRING), ']')))) item_elements AS item_json
WHERE t.eventsource = 'ec2.amazonaws.com'
  AND t.eventname = 'AuthorizeSecurityGroupIngress'
  AND item_json IS NOT NULL;
