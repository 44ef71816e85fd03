#!/usr/bin/env bash
# The official image's /opt/kafka/bin/kafka-consumer-groups.sh: the same tool class, without the
# distribution's launcher scripts.
exec java -cp '/opt/kafka/libs/*' org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "$@"
