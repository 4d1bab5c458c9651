-- trailhive query security-group-changes
-- Authorize and Revoke requests use camelCase keys under ipPermissions.items
-- ModifySecurityGroupRules uses PascalCase keys under ModifySecurityGroupRulesRequest
-- A value is JSON text of an array when the call held several rules
SELECT
  event_time, event_name, group_id, principal_arn, user_name, access_key_id, source_ip, aws_region, account_id,
  ip_protocol, from_port, to_port, cidrs_ipv4, cidrs_ipv6, error_code, event_id
FROM (
  SELECT
    eventtime AS event_time,
    eventname AS event_name,
    coalesce(
      get_json_object(requestparameters, '$.groupId'),
      get_json_object(requestparameters, '$.ModifySecurityGroupRulesRequest.GroupId'),
      get_json_object(responseelements, '$.groupId')
    ) AS group_id,
    useridentity.arn AS principal_arn,
    useridentity.username AS user_name,
    useridentity.accesskeyid AS access_key_id,
    sourceipaddress AS source_ip,
    awsregion AS aws_region,
    recipientaccountid AS account_id,
    coalesce(
      get_json_object(requestparameters, '$.ipPermissions.items[*].ipProtocol'),
      get_json_object(requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.IpProtocol')
    ) AS ip_protocol,
    coalesce(
      get_json_object(requestparameters, '$.ipPermissions.items[*].fromPort'),
      get_json_object(requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.FromPort')
    ) AS from_port,
    coalesce(
      get_json_object(requestparameters, '$.ipPermissions.items[*].toPort'),
      get_json_object(requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.ToPort')
    ) AS to_port,
    coalesce(
      get_json_object(requestparameters, '$.ipPermissions.items[*].ipRanges.items[*].cidrIp'),
      get_json_object(requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.CidrIpv4')
    ) AS cidrs_ipv4,
    coalesce(
      get_json_object(requestparameters, '$.ipPermissions.items[*].ipv6Ranges.items[*].cidrIpv6'),
      get_json_object(requestparameters, '$.ModifySecurityGroupRulesRequest.SecurityGroupRule.SecurityGroupRule.CidrIpv6')
    ) AS cidrs_ipv6,
    errorcode AS error_code,
    eventid AS event_id
  FROM cloudtrail
  WHERE eventsource = 'ec2.amazonaws.com'
    AND eventname IN ('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress', 'ModifySecurityGroupRules', 'CreateSecurityGroup', 'DeleteSecurityGroup')
) changes
ORDER BY event_time, event_id;
