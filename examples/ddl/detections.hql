-- sigma 7a1f3c52-0b6e-4d8e-9c1a-5e2f4b6d8a10: Security Group Ingress Opened to the Whole Internet
-- high; author trailhive examples; reference https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
SELECT
  '7a1f3c52-0b6e-4d8e-9c1a-5e2f4b6d8a10' AS rule_id,
  'Security Group Ingress Opened to the Whole Internet' AS rule_title,
  'high' AS level,
  'trailhive examples' AS rule_author,
  t.eventid AS event_id,
  t.eventtime AS event_time,
  t.eventsource AS event_source,
  t.eventname AS event_name,
  t.useridentity.arn AS principal,
  t.sourceipaddress AS source_ip,
  t.awsregion AS region,
  t.recipientaccountid AS account,
  t.errorcode AS error_code
FROM cloudtrail t
WHERE ((coalesce(lower(t.eventsource) = 'ec2.amazonaws.com', false) AND (coalesce(lower(t.eventname) = 'authorizesecuritygroupingress', false) OR coalesce(lower(t.eventname) = 'modifysecuritygrouprules', false))) AND ((coalesce(lower(t.requestparameters) LIKE '%0.0.0.0/0%', false)) OR (coalesce(lower(t.requestparameters) LIKE '%::/0%', false))));
