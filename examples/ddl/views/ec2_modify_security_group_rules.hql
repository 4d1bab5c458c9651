-- trailhive view ec2.amazonaws.com:ModifySecurityGroupRules --table cloudtrail --partitioned
DROP VIEW IF EXISTS ec2_modify_security_group_rules;

CREATE VIEW ec2_modify_security_group_rules AS
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
  get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.GroupId') AS request_group_id,
  get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.CidrIpv4') AS request_security_group_rule_cidr_ipv4,
  get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.Description') AS request_security_group_rule_description,
  CAST(get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.FromPort') AS BIGINT) AS request_security_group_rule_from_port,
  get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.IpProtocol') AS request_security_group_rule_ip_protocol,
  CAST(get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.ToPort') AS BIGINT) AS request_security_group_rule_to_port,
  get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRuleId') AS request_security_group_rule_security_group_rule_id,
  CAST(get_json_object(t.requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.tag') AS BIGINT) AS request_security_group_rule_tag,
  get_json_object(t.responseelements, '$.ModifySecurityGroupRulesResponse.requestId') AS response_request_id,
  CASE get_json_object(t.responseelements, '$.ModifySecurityGroupRulesResponse.return') WHEN 'true' THEN true WHEN 'false' THEN false END AS response_return,
  get_json_object(t.responseelements, '$.ModifySecurityGroupRulesResponse.xmlns') AS response_xmlns
FROM cloudtrail t
WHERE t.eventsource = 'ec2.amazonaws.com'
  AND t.eventname = 'ModifySecurityGroupRules';
